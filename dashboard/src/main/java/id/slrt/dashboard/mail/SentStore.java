package id.slrt.dashboard.mail;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import id.slrt.dashboard.instances.InstanceProperties;

/**
 * The sent mails in the shared database's {@code mail_sent} (db/shared-state.sql). A mail is claimed
 * before it is sent: the table's primary key (month, address, region) lets one instance's INSERT succeed and
 * every other's fail, so two instances checking at the same moment send it once. A claim whose instance died
 * before sending is taken over after {@link #STALE} (the mail is then sent late, not lost).
 */
@Repository
class SentStore implements SentMails {
    static final Duration STALE = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final String instance;

    SentStore(JdbcClient jdbc, InstanceProperties instance) {
        this.jdbc = jdbc;
        this.instance = instance.label();
    }

    @Override
    public String where() {
        return "the shared database's mail_sent table";
    }

    @Override
    public Set<String> sent(YearMonth month) {
        Set<String> keys = new HashSet<>();
        jdbc.sql("SELECT email, region FROM mail_sent WHERE report_month = :month AND status = 'SENT'")
                .param("month", month.toString())
                .query(rs -> {
                    keys.add(SentMails.key(rs.getString(1), rs.getString(2)));
                });
        return keys;
    }

    @Override
    public boolean claim(YearMonth month, MailProperties.Subscriber subscriber) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            jdbc.sql("INSERT INTO mail_sent (report_month, email, region, status, claimed_at, claimed_by)"
                            + " VALUES (:month, :email, :region, 'SENDING', :now, :instance)")
                    .param("month", month.toString()).param("email", email(subscriber)).param("region", subscriber.regionName())
                    .param("now", now).param("instance", instance).update();
            return true;
        } catch (DuplicateKeyException taken) {
            // Sent, or being sent by another instance; a claim left by a dead instance is taken over, once.
            return jdbc.sql("UPDATE mail_sent SET claimed_at = :now, claimed_by = :instance WHERE report_month = :month"
                            + " AND email = :email AND region = :region AND status = 'SENDING' AND claimed_at < :stale")
                    .param("now", now).param("instance", instance).param("month", month.toString())
                    .param("email", email(subscriber)).param("region", subscriber.regionName())
                    .param("stale", OffsetDateTime.ofInstant(Instant.now().minus(STALE), ZoneOffset.UTC)).update() == 1;
        }
    }

    @Override
    public void record(YearMonth month, MailProperties.Subscriber subscriber, String snapshot) {
        jdbc.sql("UPDATE mail_sent SET status = 'SENT', sent_at = :now, snapshot = :snapshot WHERE report_month = :month"
                        + " AND email = :email AND region = :region")
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)).param("snapshot", snapshot)
                .param("month", month.toString()).param("email", email(subscriber)).param("region", subscriber.regionName())
                .update();
    }

    @Override
    public void release(YearMonth month, MailProperties.Subscriber subscriber) {
        jdbc.sql("DELETE FROM mail_sent WHERE report_month = :month AND email = :email AND region = :region"
                        + " AND status = 'SENDING' AND claimed_by = :instance")
                .param("month", month.toString()).param("email", email(subscriber)).param("region", subscriber.regionName())
                .param("instance", instance).update();
    }

    private static String email(MailProperties.Subscriber subscriber) {
        return subscriber.email().strip().toLowerCase(Locale.ROOT);
    }
}
