package id.slrt.dashboard.mail;

import java.time.YearMonth;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.instances.InstanceProperties;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.i18n.MessagesI18NProvider;
import id.slrt.dashboard.reports.BudgetReport;
import id.slrt.dashboard.security.AuditLog;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * Sends each subscriber the monthly report of their region once per month, after the ETL.
 *
 * <p>The ETL publishes a snapshot daily; this looks at the current one at start-up and then every
 * {@code slrt.mail.check-every}. The month reported on is the latest month with visits before the
 * current month (Asia/Jakarta), so the first snapshot holding last month's visits triggers the mails.
 * Each subscriber gets that month once: what was sent is in the {@link SentLog} and the audit log; a
 * mail that fails (SMTP down, a query failing) is logged and tried again at the next check.
 */
@Component
@EnableScheduling
@ConditionalOnBooleanProperty("slrt.mail.enabled")
public class MonthlyReportMailer {

    private static final Logger log = LoggerFactory.getLogger(MonthlyReportMailer.class);

    private final MailProperties properties;
    private final JavaMailSender sender;
    private final Warehouse warehouse;
    private final MonthlyReportService reports;
    private final MessagesI18NProvider texts;
    private final AuditLog audit;
    private final SentMails sentLog;
    private final Disclosure disclosure;

    /**
     * What one check did.
     *
     * @param month       the month reported on; null when there was no snapshot or no visits yet
     * @param alreadySent subscribers who had this month's mail before
     */
    public record Outcome(YearMonth month, int sent, int failed, int alreadySent) {
        static final Outcome NOTHING = new Outcome(null, 0, 0, 0);
    }

    public MonthlyReportMailer(MailProperties properties, ObjectProvider<JavaMailSender> sender, Warehouse warehouse,
                               MonthlyReportService reports, MessagesI18NProvider texts, AuditLog audit,
                               Disclosure disclosure, InstanceProperties instance, SentStore shared) {
        this.disclosure = disclosure;
        this.sender = sender.getIfAvailable();
        if (this.sender == null) {
            throw new IllegalStateException("slrt.mail.enabled is true but no SMTP server is configured: "
                    + "set spring.mail.host (and spring.mail.port, username, password)");
        }
        if (properties.from() == null || properties.from().isBlank()) {
            throw new IllegalStateException("slrt.mail.enabled is true but slrt.mail.from (the sender address) is not set");
        }
        this.properties = properties;
        this.warehouse = warehouse;
        this.reports = reports;
        this.texts = texts;
        this.audit = audit;
        // Instances side by side share what was sent, and claim a mail before sending it.
        this.sentLog = instance.sharedInDatabase() ? shared : new SentLog(properties.sentLog());
        log.info("Monthly report mail is on: {} subscriber(s), sent log {}", properties.subscribers().size(), sentLog.where());
    }

    /** At start-up and then a fixed delay after each check ends. */
    @Scheduled(fixedDelayString = "${slrt.mail.check-every}")
    void scheduledCheck() {
        try {
            check();
        } catch (RuntimeException e) {
            // The schedule must go on: the next check tries again.
            log.error("Monthly report mail check failed; trying again at the next check", e);
        }
    }

    /** Sends what is due for the current snapshot. One check at a time, so nothing is sent twice. */
    public synchronized Outcome check() {
        Optional<Snapshot> current = warehouse.currentSnapshot();
        if (current.isEmpty() || properties.subscribers().isEmpty()) {
            return Outcome.NOTHING;
        }
        Snapshot snapshot = current.get();
        Optional<YearMonth> reportMonth = reports.reportMonth(snapshot, YearMonth.now(Languages.WIB));
        if (reportMonth.isEmpty()) {
            return Outcome.NOTHING;
        }
        YearMonth month = reportMonth.get();
        Set<String> done = sentLog.sent(month);
        int sent = 0;
        int failed = 0;
        for (MailProperties.Subscriber subscriber : properties.subscribers()) {
            if (done.contains(SentMails.key(subscriber)) || !sentLog.claim(month, subscriber)) {
                continue; // sent before, or another instance is sending it
            }
            if (send(subscriber, snapshot, month)) {
                done.add(SentMails.key(subscriber));
                sent++;
            } else {
                sentLog.release(month, subscriber);
                failed++;
            }
        }
        Outcome outcome = new Outcome(month, sent, failed, properties.subscribers().size() - sent - failed);
        if (sent > 0 || failed > 0) {
            log.info("Monthly report {} from {}: {} sent, {} failed (tried again at the next check), {} sent before",
                    month, snapshot.name(), sent, failed, outcome.alreadySent());
        }
        return outcome;
    }

    private boolean send(MailProperties.Subscriber subscriber, Snapshot snapshot, YearMonth month) {
        MonthlyReportMail mail;
        try {
            mail = SubscriberScope.call(subscriber, () -> compose(subscriber, snapshot, month));
            MimeMessage message = sender.createMimeMessage();
            mail.writeTo(message, properties.from());
            sender.send(message);
        } catch (MailException e) {
            log.warn("Could not send the monthly report {} to {}: {}", month, subscriber.email(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error("Could not prepare the monthly report {} for {} (region {})", month, subscriber.email(),
                    subscriber.regionName(), e);
            return false;
        }
        audit.mailed(subscriber.email(), "monthly report " + subscriber.regionName() + " " + month
                + (mail.attachment() == null ? " (no data)" : " with " + mail.attachmentName()) + ", " + snapshot.name());
        try {
            sentLog.record(month, subscriber, snapshot.name());
        } catch (RuntimeException e) {
            log.error("Sent the monthly report {} to {} but could not record it: it will be sent again", month,
                    subscriber.email(), e);
        }
        return true;
    }

    private MonthlyReportMail compose(MailProperties.Subscriber subscriber, Snapshot snapshot, YearMonth month) {
        String region = subscriber.regionCode();
        MonthlySummary summary = reports.summary(snapshot, region, month);
        BudgetReport report = summary.hasData() ? reports.budgetReport(snapshot, region, month.getYear()) : null;
        return MonthlyReportMail.compose(texts, disclosure, subscriber, snapshot, summary, report);
    }
}
