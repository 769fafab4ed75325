package id.slrt.dashboard.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.MimeMessageHelper;

import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.i18n.MessagesI18NProvider;
import id.slrt.dashboard.reports.BudgetReport;
import id.slrt.dashboard.reports.BudgetReportFiles;
import id.slrt.dashboard.alerts.ShownAlert;
import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.warehouse.Snapshot;

/**
 * One subscriber's monthly mail: subject and plain-text body in their language (Bahasa Indonesia unless
 * {@code en}), numbers formatted the way the screens show them, through the disclosure policy (a count
 * under five reads "&lt;5", a rate over one is left out), and the
 * region's budget report for the year as XLSX. A region without visits in the period gets a mail that
 * says so, without an attachment: silence would look like a lost mail.
 *
 * @param attachment the XLSX, or null when there is nothing to report
 */
record MonthlyReportMail(String to, String toName, String subject, String body, String attachmentName, byte[] attachment) {

    /** Alerts listed in a mail; the rest are on the Peringatan screen. */
    static final int MAX_ALERTS = 10;

    static MonthlyReportMail compose(MessagesI18NProvider texts, Disclosure disclosure, MailProperties.Subscriber subscriber,
                                     Snapshot snapshot, MonthlySummary summary, BudgetReport report) {
        Locale locale = subscriber.locale();
        String region = summary.regionLabel() != null ? summary.regionLabel() : texts.getTranslation("mail.national", locale);
        String subject = texts.getTranslation("mail.subject", locale, region, Languages.yearMonth(summary.to(), locale));
        List<String> lines = new ArrayList<>();
        lines.add(texts.getTranslation("mail.greeting", locale, subscriber.displayName()));
        lines.add("");
        String period = period(summary.from(), summary.to(), locale);
        boolean attached = summary.hasData() && report != null;
        if (summary.hasData()) {
            Disclosure.Table table = disclosure.table();
            Disclosure.Count visits = table.count(summary.visits());
            Disclosure.Count before = table.count(summary.visitsYearBefore());
            Disclosure.Count peak = table.count(summary.peakVisits());
            Disclosure.Count referred = table.count(summary.referred());
            Disclosure.Count completed = table.count(summary.completed());
            table.disclose();
            LongFunction<String> integer = n -> Languages.integer(n, locale);
            lines.add(texts.getTranslation("mail.intro", locale, region, period));
            lines.add("");
            lines.add(texts.getTranslation("mail.visits", locale, visits.text(integer)));
            lines.add(texts.getTranslation("mail.peak", locale, Languages.yearMonth(summary.peakMonth(), locale),
                    peak.text(integer)));
            lines.add(texts.getTranslation("mail.completion", locale,
                    Languages.percent(table.measure(summary.completionRate(), completed, referred).shown(), locale),
                    referred.text(integer)));
            String lastYear = period(summary.from().minusYears(1), summary.to().minusYears(1), locale);
            Double change = table.measure(summary.change(), visits, before).shown();
            lines.add(summary.visitsYearBefore() == 0 ? texts.getTranslation("mail.change.none", locale, lastYear)
                    : texts.getTranslation("mail.change", locale, lastYear,
                    change == null ? "–" : (change >= 0 ? "+" : "") + Languages.percent(change, locale),
                    before.text(integer)));
            if (attached) {
                lines.add("");
                lines.add(texts.getTranslation("mail.attachment", locale, report.regionLabel(), report.years()));
            }
        } else {
            lines.add(texts.getTranslation("mail.noData", locale, region, period));
        }
        // The month's alerts, the most unusual first, as on the Peringatan screen.
        lines.add("");
        List<ShownAlert> alerts = ShownAlert.of(summary.alerts(), disclosure, summary.alertRegions()::get,
                texts.getTranslation("alerts.nation", locale));
        lines.add(texts.getTranslation(alerts.isEmpty() ? "mail.alerts.none" : "mail.alerts", locale,
                Languages.yearMonth(summary.to(), locale), Languages.integer(alerts.size(), locale)));
        alerts.stream().limit(MAX_ALERTS).forEach(a -> {
            // Beside the alert, what users recorded of its region for its month.
            String notes = id.slrt.dashboard.annotations.AnnotationsService.said(summary.annotations(), a.alert().code(),
                    a.alert().month(), key -> texts.getTranslation(key, locale));
            lines.add("- " + a.sentence(texts, locale) + (notes.isEmpty() ? "" : " (" + notes + ")"));
        });
        if (alerts.size() > MAX_ALERTS) {
            lines.add(texts.getTranslation("mail.alerts.more", locale, Languages.integer(alerts.size() - MAX_ALERTS, locale)));
        }
        if (!summary.annotations().isEmpty()) {
            lines.add("");
            lines.add(texts.getTranslation("mail.annotations", locale, Languages.yearMonth(summary.to(), locale)));
            summary.annotations().forEach(n -> lines.add("- " + (n.region().isEmpty()
                    ? texts.getTranslation("alerts.nation", locale) : summary.alertRegions().get(n.region())) + " · "
                    + texts.getTranslation("annotations.kind." + n.kind().code(), locale) + ": " + n.text()));
        }
        lines.add("");
        lines.add(texts.getTranslation("mail.snapshot", locale, snapshot.publishedAt()
                .map(time -> Languages.dateTime(time, locale)).orElse(snapshot.name())));
        lines.add(texts.getTranslation("mail.footer", locale));
        return new MonthlyReportMail(subscriber.email().strip(), subscriber.name(), subject, String.join("\n", lines) + "\n",
                attached ? BudgetReportFiles.fileName(report, "xlsx") : null,
                attached ? BudgetReportFiles.xlsx(report, disclosure) : null);
    }

    /** "Januari–Oktober 2026", or "Januari 2026" for the first month. */
    static String period(YearMonth from, YearMonth to, Locale locale) {
        return from.equals(to) ? Languages.yearMonth(to, locale)
                : Languages.monthName(from.getMonth(), locale) + "–" + Languages.yearMonth(to, locale);
    }

    void writeTo(MimeMessage message, String from) {
        try {
            MimeMessageHelper mail = new MimeMessageHelper(message, attachment != null, StandardCharsets.UTF_8.name());
            mail.setFrom(from);
            mail.setTo(toName == null || toName.isBlank() ? new InternetAddress(to)
                    : new InternetAddress(to, toName.strip(), StandardCharsets.UTF_8.name()));
            mail.setSubject(subject);
            mail.setText(body, false);
            if (attachment != null) {
                mail.addAttachment(attachmentName, new ByteArrayResource(attachment), BudgetReportFiles.XLSX_TYPE);
            }
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException("Cannot write the monthly report mail to " + to, e);
        }
    }
}
