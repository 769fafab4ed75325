package id.slrt.dashboard.mail;

import java.time.YearMonth;
import java.util.Locale;
import java.util.Set;

/**
 * Which monthly mails were sent, so none is sent twice: a local file for one instance ({@link SentLog}), the
 * shared database for instances side by side ({@link SentStore}), where a mail is claimed before it is sent.
 */
interface SentMails {

    /** Where the record is kept, for the log. */
    String where();

    /** The subscribers (by {@link #key}) already sent this month's mail. */
    Set<String> sent(YearMonth month);

    /** True when this instance may send the mail now; false when another instance has it or sent it. */
    boolean claim(YearMonth month, MailProperties.Subscriber subscriber);

    /** The mail was taken by the SMTP server. */
    void record(YearMonth month, MailProperties.Subscriber subscriber, String snapshot);

    /** Sending failed: the next check (of any instance) tries again. */
    void release(YearMonth month, MailProperties.Subscriber subscriber);

    static String key(MailProperties.Subscriber subscriber) {
        return key(subscriber.email().strip(), subscriber.regionName());
    }

    /** An address may subscribe to several regions; each region is its own mail. */
    static String key(String email, String region) {
        return email.toLowerCase(Locale.ROOT) + "\t" + region;
    }
}
