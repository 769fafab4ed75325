package id.slrt.dashboard.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.TaskExecutionOutcome;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.WarehouseFixture;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The monthly report mail end to end: the dashboard with mail switched on, a real SMTP server
 * (GreenMail) on a free port, the fixture warehouse plus a district of another province. The mails are
 * read back from the server; their numbers are checked against plain SQL over the same Parquet, the
 * XLSX attachment with POI.
 *
 * <p>Subscribers: the province DI Yogyakarta, Kab. Bantul in English, Kab. Sleman (no visits in the
 * report month's year: the "no data" mail) and national.
 */
@SpringBootTest(properties = {
        "slrt.mail.enabled=true",
        // The start-up check finds no snapshot; the test triggers the later checks itself.
        "slrt.mail.check-every=1h",
        "slrt.mail.from=slrt-monitor@kemensos.example",
        "spring.mail.host=127.0.0.1",
        "slrt.mail.subscribers[0].name=Bappeda DI Yogyakarta",
        "slrt.mail.subscribers[0].email=bappeda-diy@pemda.example",
        "slrt.mail.subscribers[0].region=34",
        "slrt.mail.subscribers[1].name=Dinas Sosial Kab. Bantul",
        "slrt.mail.subscribers[1].email=dinsos-bantul@pemda.example",
        "slrt.mail.subscribers[1].region=3402",
        "slrt.mail.subscribers[1].language=en",
        "slrt.mail.subscribers[2].name=Dinas Sosial Kab. Sleman",
        "slrt.mail.subscribers[2].email=kadis-sleman@pemda.example",
        "slrt.mail.subscribers[2].region=3404",
        "slrt.mail.subscribers[3].name=Direktorat",
        "slrt.mail.subscribers[3].email=direktorat@kemensos.example",
        "slrt.mail.subscribers[3].region=nasional"})
@Order(2) // its own Spring context; see junit-platform.properties
class MonthlyReportMailTest {

    private static final Locale ID = Locale.of("id", "ID");
    private static final Path DIR = tempDir();
    private static final Path WAREHOUSE = DIR.resolve("warehouse");
    private static final Path SENT_LOG = DIR.resolve("mail/sent.tsv");
    private static final Path AUDIT_LOG = DIR.resolve("audit.log");
    /** A district of another province (Jawa Tengah), so that a province's mail can leave it out. */
    private static final WarehouseFixture.Series SEMARANG_2019 = new WarehouseFixture.Series("3322", 2019,
            new long[] {400, 420, 440, 460, 480, 700, 650, 500, 480, 470, 460, 440});
    private static final List<WarehouseFixture.Series> SERIES = concat(WarehouseFixture.ALL, SEMARANG_2019);
    private static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void paths(DynamicPropertyRegistry registry) {
        registry.add("slrt.warehouse", WAREHOUSE::toString);
        registry.add("slrt.mail.sent-log", SENT_LOG::toString);
        registry.add("slrt.security.audit-log", AUDIT_LOG::toString);
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    MonthlyReportMailer mailer;
    @Autowired
    MonthlyReportService reports;
    @Autowired
    Warehouse warehouse;
    @Autowired
    List<ScheduledTaskHolder> schedules;

    /** Each test starts before the ETL's first snapshot, with nothing sent. */
    @BeforeEach
    void nothingPublishedNothingSent() throws Exception {
        Files.createDirectories(WAREHOUSE);
        Files.deleteIfExists(WAREHOUSE.resolve("CURRENT"));
        Files.deleteIfExists(SENT_LOG);
        Files.deleteIfExists(AUDIT_LOG);
        SMTP.purgeEmailFromAllMailboxes();
    }

    @Test
    void eachSubscriberGetsTheirRegionsReportOnceAMonth() throws Exception {
        assertThat(mailer.check()).as("no snapshot yet").isEqualTo(MonthlyReportMailer.Outcome.NOTHING);

        publish(WarehouseFixture.SNAPSHOT);
        mailer.check();
        assertThat(SMTP.waitForIncomingEmail(10_000, 4)).isTrue();
        Map<String, MimeMessage> mails = byRecipient(SMTP.getReceivedMessages());
        assertThat(mails).containsOnlyKeys("bappeda-diy@pemda.example", "dinsos-bantul@pemda.example",
                "kadis-sleman@pemda.example", "direktorat@kemensos.example");
        YearMonth month = lastMonthBefore(YearMonth.now(java.time.ZoneId.of("Asia/Jakarta")));

        MimeMessage diy = mails.get("bappeda-diy@pemda.example");
        assertThat(diy.getFrom()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("slrt-monitor@kemensos.example");
        assertThat(((InternetAddress) diy.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal()).isEqualTo("Bappeda DI Yogyakarta");
        String province = Oracle.text(WAREHOUSE, "SELECT name FROM {regions} WHERE code = '34'");
        assertThat(diy.getSubject()).isEqualTo("Laporan bulanan SLRT – " + province + " – " + monthName(month, ID));
        assertSummary(body(diy), "province_code = '34'", month, ID);
        assertThat(body(diy)).startsWith("Yth. Bappeda DI Yogyakarta,").contains("Data per 15 Januari 2019 09:00 WIB.");
        Xlsx diyReport = xlsx(diy);
        assertThat(diyReport.title()).contains(province).endsWith(String.valueOf(month.getYear()));
        assertThat(diyReport.totalVisits()).isEqualTo(oracle("SELECT sum(visits) FROM {visits_monthly} WHERE province_code = '34'"
                + " AND year = " + month.getYear()));
        assertThat(diyReport.districts()).as("only the province's districts")
                .isEqualTo(oracleDistricts("province_code = '34' AND year = " + month.getYear()))
                .allSatisfy(code -> assertThat(code).startsWith("34"));

        MimeMessage nasional = mails.get("direktorat@kemensos.example");
        assertThat(nasional.getSubject()).isEqualTo("Laporan bulanan SLRT – Nasional – " + monthName(month, ID));
        assertSummary(body(nasional), "true", month, ID);
        Xlsx nationalReport = xlsx(nasional);
        assertThat(nationalReport.totalVisits()).isEqualTo(oracle("SELECT sum(visits) FROM {visits_monthly} WHERE year = "
                + month.getYear()));
        assertThat(nationalReport.districts()).isEqualTo(oracleDistricts("year = " + month.getYear())).contains("3322");

        MimeMessage bantul = mails.get("dinsos-bantul@pemda.example");
        String bantulName = "Kab. " + Oracle.text(WAREHOUSE, "SELECT name FROM {regions} WHERE code = '3402'");
        assertThat(bantul.getSubject()).isEqualTo("SLRT monthly report – " + bantulName + " – " + monthName(month, Locale.ENGLISH));
        assertThat(body(bantul)).startsWith("Dear Dinas Sosial Kab. Bantul,");
        assertSummary(body(bantul), "district_code = '3402'", month, Locale.ENGLISH);
        assertThat(xlsx(bantul).totalVisits()).isEqualTo(oracle("SELECT sum(visits) FROM {visits_monthly}"
                + " WHERE district_code = '3402' AND year = " + month.getYear()));

        MimeMessage sleman = mails.get("kadis-sleman@pemda.example");
        assertThat(oracle("SELECT count(*) FROM {visits_monthly} WHERE district_code = '3404' AND year = " + month.getYear()))
                .as("the fixture has no Sleman visits in the report month's year").isZero();
        String slemanName = "Kab. " + Oracle.text(WAREHOUSE, "SELECT name FROM {regions} WHERE code = '3404'");
        assertThat(sleman.getSubject()).isEqualTo("Laporan bulanan SLRT – " + slemanName + " – " + monthName(month, ID));
        assertThat(body(sleman)).contains("Tidak ada data kunjungan SLRT untuk " + slemanName + " pada Januari–"
                + monthName(month, ID));
        assertThat(attachments(sleman)).isEmpty();
        // Sleman sent an export every month of 2018 and none since: the month's alert says so, in words.
        long slemanMonthly = Math.round(oracle("SELECT sum(visits) FROM {visits_monthly} WHERE district_code = '3404'"
                + " AND year = 2018 AND month BETWEEN 7 AND 12") / 6.0);
        assertThat(body(sleman)).contains("Peringatan " + monthName(month, ID) + " (1), yang paling tidak biasa dulu:\n- "
                + slemanName + ", " + monthName(month, ID) + ": tidak ada kiriman data, padahal sebelumnya setiap bulan (sekitar "
                + String.format(ID, "%,d", slemanMonthly) + " kunjungan sebulan)");
        // Bantul's December (995 visits after eleven months of about a thousand) is as usual: said so, in English.
        assertThat(body(bantul)).contains("No alerts in " + monthName(month, Locale.ENGLISH)
                + ": every measure was within its usual range.");

        // Sent once: not again at the next check, nor with the next day's snapshot of the same month.
        assertThat(mailer.check()).isEqualTo(new MonthlyReportMailer.Outcome(month, 0, 0, 4));
        publish("snapshot-20190116T020000000Z");
        assertThat(mailer.check().sent()).isZero();
        assertThat(SMTP.getReceivedMessages()).hasSize(4);
        assertThat(Files.readAllLines(SENT_LOG)).hasSize(4).allSatisfy(line -> assertThat(line).startsWith(month + "\t"));
        assertThat(Files.readAllLines(AUDIT_LOG)).filteredOn(line -> line.contains("\tMAIL\t")).hasSize(4)
                .anySatisfy(line -> assertThat(line).contains("\tbappeda-diy@pemda.example\tmonthly report 34 " + month))
                .anySatisfy(line -> assertThat(line).contains("kadis-sleman@pemda.example").contains("(no data)"));
    }

    @Autowired
    id.slrt.dashboard.annotations.AnnotationsService annotations;

    @Test
    void theMonthsAnnotationsStandBesideItsAlertsAndInTheirOwnListWithinEachSubscribersRegion() throws Exception {
        YearMonth month = lastMonthBefore(YearMonth.now(java.time.ZoneId.of("Asia/Jakarta")));
        String outage = id.slrt.dashboard.testing.UniqueText.of("Server SLRT Sleman rusak");
        String policy = id.slrt.dashboard.testing.UniqueText.of("Pemutakhiran DTKS nasional");
        String flood = id.slrt.dashboard.testing.UniqueText.of("Banjir Semarang");
        id.slrt.dashboard.testing.SignedIn.as("kadis-sleman", () -> annotations.add("3404", month, month,
                id.slrt.dashboard.annotations.Annotation.Kind.EXPORT_OUTAGE, outage), "ROLE_DISTRICT", "REGION_3404");
        id.slrt.dashboard.testing.SignedIn.as("nasional", () -> {
            annotations.add("", month.minusMonths(2), month, id.slrt.dashboard.annotations.Annotation.Kind.POLICY, policy);
            annotations.add("3322", month, month, id.slrt.dashboard.annotations.Annotation.Kind.DISASTER, flood);
        }, "ROLE_NATIONAL");

        publish(WarehouseFixture.SNAPSHOT);
        mailer.check();
        assertThat(SMTP.waitForIncomingEmail(10_000, 4)).isTrue();
        Map<String, MimeMessage> mails = byRecipient(SMTP.getReceivedMessages());
        String slemanName = "Kab. " + Oracle.text(WAREHOUSE, "SELECT name FROM {regions} WHERE code = '3404'");
        String sleman = body(mails.get("kadis-sleman@pemda.example"));
        // Beside Sleman's no-export alert: the outage its head recorded, and the national policy.
        assertThat(sleman.lines().filter(l -> l.startsWith("- " + slemanName + ", " + monthName(month, ID) + ": tidak ada kiriman")))
                .singleElement().asString()
                .as("the earlier-starting first").endsWith(" (Perubahan kebijakan: " + policy + "; Gangguan kiriman data: " + outage + ")");
        assertThat(sleman).contains("Catatan peristiwa " + monthName(month, ID) + ":\n")
                .contains("- " + slemanName + " · Gangguan kiriman data: " + outage)
                .contains("- Indonesia · Perubahan kebijakan: " + policy).doesNotContain(flood);
        assertThat(body(mails.get("bappeda-diy@pemda.example"))).contains(outage).contains(policy).doesNotContain(flood);
        assertThat(body(mails.get("dinsos-bantul@pemda.example"))).contains("Events recorded for " + monthName(month, Locale.ENGLISH))
                .contains("- Indonesia · Policy change: " + policy).doesNotContain(outage).doesNotContain(flood);
        assertThat(body(mails.get("direktorat@kemensos.example"))).contains(outage).contains(policy).contains(flood);
    }

    @Test
    void aMailTheServerDidNotTakeIsSentAtTheNextCheck() throws Exception {
        publish(WarehouseFixture.SNAPSHOT);
        SMTP.stop();
        try {
            MonthlyReportMailer.Outcome down = mailer.check();
            assertThat(down.failed()).isEqualTo(4);
            assertThat(down.sent()).isZero();
            assertThat(SENT_LOG).doesNotExist();
        } finally {
            SMTP.start();
        }
        assertThat(mailer.check().sent()).isEqualTo(4);
        assertThat(SMTP.waitForIncomingEmail(10_000, 4)).isTrue();
        assertThat(Files.readAllLines(SENT_LOG)).hasSize(4);
    }

    @Test
    void theReportMonthIsTheLatestWithVisitsBeforeTheCurrentMonth() {
        publish(WarehouseFixture.SNAPSHOT);
        var snapshot = warehouse.currentSnapshot().orElseThrow();
        YearMonth last = lastMonthBefore(YearMonth.of(9999, 12));
        // Data of the current month is never complete, so it is not reported on.
        assertThat(reports.reportMonth(snapshot, last)).contains(lastMonthBefore(last));
        assertThat(reports.reportMonth(snapshot, last.plusMonths(1))).contains(last);
        assertThat(reports.reportMonth(snapshot, YearMonth.of(2016, 1))).isEmpty();
    }

    @Test
    void theCheckRunsAtStartUpAndThenAfterTheConfiguredDelay() throws InterruptedException {
        FixedDelayTask task = schedules.stream().flatMap(h -> h.getScheduledTasks().stream())
                .map(ScheduledTask::getTask).filter(FixedDelayTask.class::isInstance).map(FixedDelayTask.class::cast)
                .filter(t -> t.toString().contains(MonthlyReportMailer.class.getName() + ".scheduledCheck"))
                .findFirst().orElseThrow();
        assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(task.getInitialDelayDuration()).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (task.getLastExecutionOutcome().status() != TaskExecutionOutcome.Status.SUCCESS && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(task.getLastExecutionOutcome().status()).as("the check at start-up").isEqualTo(TaskExecutionOutcome.Status.SUCCESS);
    }

    /** The body's four figures against the same Parquet read with plain SQL ({@code where} picks the region). */
    private static void assertSummary(String body, String where, YearMonth month, Locale locale) {
        String period = " AND year = %d AND month <= " + month.getMonthValue();
        String now = where + period.formatted(month.getYear());
        String before = where + period.formatted(month.getYear() - 1);
        long visits = oracle("SELECT sum(visits) FROM {visits_monthly} WHERE " + now);
        long visitsBefore = oracle("SELECT coalesce(sum(visits), 0) FROM {visits_monthly} WHERE " + before);
        String peakSql = "SELECT %s FROM (SELECT month, sum(visits) AS v FROM {visits_monthly} WHERE " + now
                + " GROUP BY month) ORDER BY v DESC, month LIMIT 1";
        YearMonth peak = YearMonth.of(month.getYear(), (int) oracle(peakSql.formatted("month")));
        long referred = oracle("SELECT sum(referred) FROM {referrals_monthly} WHERE " + now);
        double completion = Double.parseDouble(Oracle.text(WAREHOUSE,
                "SELECT sum(completed) / sum(referred) FROM {referrals_monthly} WHERE " + now));
        boolean indonesian = locale.equals(ID);
        YearMonth lastYearsMonth = month.minusYears(1);
        String lastYear = month.getMonthValue() == 1 ? monthName(lastYearsMonth, locale)
                : (indonesian ? "Januari–" : "January–") + monthName(lastYearsMonth, locale);
        String change = visitsBefore == 0 ? null : signed((visits - visitsBefore) / (double) visitsBefore, locale);
        if (indonesian) {
            assertThat(body).contains("Kunjungan: " + integer(visits, locale) + "\n")
                    .contains("Bulan tersibuk: " + monthName(peak, locale) + ", " + integer(oracle(peakSql.formatted("v")), locale) + " kunjungan\n")
                    .contains("Rujukan selesai: " + percent(completion, locale) + " dari " + integer(referred, locale) + " rujukan\n")
                    .contains(visitsBefore == 0 ? "Perubahan dibanding " + lastYear + ": – (tidak ada kunjungan pada periode itu)\n"
                            : "Perubahan dibanding " + lastYear + ": " + change + " (" + integer(visitsBefore, locale) + " kunjungan)\n")
                    .contains("Terlampir laporan anggaran");
        } else {
            assertThat(body).contains("Visits: " + integer(visits, locale) + "\n")
                    .contains("Busiest month: " + monthName(peak, locale) + ", " + integer(oracle(peakSql.formatted("v")), locale) + " visits\n")
                    .contains("Referrals completed: " + percent(completion, locale) + " of " + integer(referred, locale) + " referrals\n")
                    .contains(visitsBefore == 0 ? "Change on " + lastYear + ": – (no visits then)\n"
                            : "Change on " + lastYear + ": " + change + " (" + integer(visitsBefore, locale) + " visits)\n")
                    .contains("Data as of 15 January 2019 09:00 WIB.");
        }
    }

    /** The latest month with visits before {@code month}, read straight from the Parquet. */
    private static YearMonth lastMonthBefore(YearMonth month) {
        long ym = oracle("SELECT max(year * 100 + month) FROM {visits_monthly} WHERE year * 100 + month < "
                + (month.getYear() * 100 + month.getMonthValue()));
        return YearMonth.of((int) ym / 100, (int) ym % 100);
    }

    private static long oracle(String sql) {
        return Oracle.number(WAREHOUSE, sql);
    }

    private static Set<String> oracleDistricts(String where) {
        String codes = Oracle.text(WAREHOUSE, "SELECT string_agg(DISTINCT district_code, ',' ORDER BY district_code)"
                + " FROM {visits_monthly} WHERE " + where);
        return new LinkedHashSet<>(Arrays.asList(codes.split(",")));
    }

    /** What the test reads of an attached budget report: its title, the region's total visits, the districts listed. */
    private record Xlsx(String title, long totalVisits, Set<String> districts) {
    }

    private static Xlsx xlsx(MimeMessage mail) throws Exception {
        List<Part> files = attachments(mail);
        assertThat(files).hasSize(1);
        assertThat(files.getFirst().getFileName()).startsWith("laporan-slrt-").endsWith(".xlsx");
        assertThat(files.getFirst().getContentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (var in = files.getFirst().getInputStream();
             XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(in.readAllBytes()))) {
            Sheet sheet = book.getSheetAt(0);
            // The region's total is the last row: "Total" without a district code.
            Row total = sheet.getRow(sheet.getLastRowNum());
            assertThat(total.getCell(0).getStringCellValue()).isEmpty();
            assertThat(total.getCell(2).getStringCellValue()).isEqualTo("Total");
            Set<String> districts = new LinkedHashSet<>();
            for (Row row : sheet) {
                if (row.getRowNum() > 3 && !row.getCell(0).getStringCellValue().isEmpty()) {
                    districts.add(row.getCell(0).getStringCellValue());
                }
            }
            return new Xlsx(sheet.getRow(0).getCell(0).getStringCellValue(), (long) total.getCell(3).getNumericCellValue(),
                    districts);
        }
    }

    private static String body(Part part) throws Exception {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return part.getContent().toString().replace("\r\n", "\n");
        }
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                String text = body(parts.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static List<Part> attachments(Part part) throws Exception {
        List<Part> found = new ArrayList<>();
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            found.add(part);
        } else if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                found.addAll(attachments(parts.getBodyPart(i)));
            }
        }
        return found;
    }

    private static Map<String, MimeMessage> byRecipient(MimeMessage[] messages) throws Exception {
        Map<String, MimeMessage> mails = new HashMap<>();
        for (MimeMessage message : messages) {
            mails.put(((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress(), message);
        }
        return mails;
    }

    private static String monthName(YearMonth month, Locale locale) {
        return month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale) + " " + month.getYear();
    }

    private static String integer(long n, Locale locale) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    private static String percent(double share, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(share * 100) + "%";
    }

    private static String signed(double share, Locale locale) {
        return (share >= 0 ? "+" : "") + percent(share, locale);
    }

    private static void publish(String snapshot) {
        if (Files.isDirectory(WAREHOUSE.resolve(snapshot))) {
            WarehouseFixture.pointCurrentAt(WAREHOUSE, snapshot);
        } else {
            WarehouseFixture.publish(WAREHOUSE, snapshot, SERIES);
        }
    }

    private static List<WarehouseFixture.Series> concat(List<WarehouseFixture.Series> series, WarehouseFixture.Series more) {
        List<WarehouseFixture.Series> all = new ArrayList<>(series);
        all.add(more);
        return List.copyOf(all);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("slrt-mail-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> SharedWarehouse.deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
