package id.slrt.etl;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same sample written clean and messy (the districts' own export styles, bad rows on top): the clean
 * run's tables equal numbers counted straight from its CSV files, the messy run's tables equal the clean
 * run's, and the messy run quarantines exactly the lines the clean exports do not have.
 */
class CleanAndMessySamplesTest {
    @TempDir
    static Path dir;
    static Path clean;
    static Path messy;
    static Etl.Report cleanRun;
    static Etl.Report messyRun;

    @BeforeAll
    static void generateBothAndRunTheEtlOnEach() {
        var generator = new SampleGenerator(Regions.load(TestExports.REFERENCE));
        clean = dir.resolve("clean");
        messy = dir.resolve("messy");
        generator.generate(new SampleGenerator.Options(clean, 77, 0.01, 2019, 2019, true, false));
        generator.generate(new SampleGenerator.Options(messy, 77, 0.01, 2019, 2019, true, true));
        cleanRun = run(clean, "clean-out");
        messyRun = run(messy, "messy-out");
    }

    @Test
    void theCleanRunEqualsTheCsvAndQuarantinesNothing() {
        assertThat(cleanRun.rowsQuarantined()).isZero();
        Map<String, Long> visits = new TreeMap<>();
        warehouse(cleanRun, "clean-out").rows("SELECT district_code, year, month, programme, sum(visits) FROM "
                        + warehouse(cleanRun, "clean-out").table("visits_monthly") + " GROUP BY ALL")
                .forEach(r -> visits.put(String.join("|", r.subList(0, 4)), Long.parseLong(r.get(4))));
        assertThat(visits).isEqualTo(TestExports.countVisits(clean));
        Map<String, String> referrals = new TreeMap<>();
        TestWarehouse w = warehouse(cleanRun, "clean-out");
        w.rows("SELECT district_code, year, month, programme, agency, referred, completed, declined, open,"
                + " completed_within_sla, round(days_to_complete_p50, 1), round(days_to_complete_p90, 1) FROM "
                + w.table("referrals_monthly")).forEach(r -> referrals.put(String.join("|", r.subList(0, 5)),
                String.join(" ", r.subList(5, 10)) + " " + oneDecimal(r.get(10)) + " " + oneDecimal(r.get(11))));
        assertThat(referrals).isEqualTo(TestExports.referralOutcomes(clean, Etl.Config.DEFAULT_SLA_DAYS));
    }

    @Test
    void theMessyRunHasTheCleanRunsNumbers() {
        TestWarehouse a = warehouse(cleanRun, "clean-out");
        TestWarehouse b = warehouse(messyRun, "messy-out");
        for (String table : List.of("visits_monthly", "referrals_monthly", "referral_backlog", "coverage_yearly",
                "district_activity")) {
            List<List<String>> expected = a.rows("SELECT * FROM " + a.table(table) + " ORDER BY ALL");
            assertThat(expected).as(table).isNotEmpty();
            assertThat(b.rows("SELECT * FROM " + b.table(table) + " ORDER BY ALL")).as(table).isEqualTo(expected);
        }
        String quality = "SELECT * EXCLUDE (quarantined_rows) FROM %s WHERE visits > 0 ORDER BY ALL";
        assertThat(b.rows(quality.formatted(b.table("quality_monthly"))))
                .isEqualTo(a.rows(quality.formatted(a.table("quality_monthly"))));
    }

    @Test
    void theMessyRunQuarantinesExactlyTheLinesTheCleanExportsDoNotHave() {
        long extra = dataLines(messy) - dataLines(clean);
        assertThat(extra).isPositive();
        assertThat(messyRun.rowsQuarantined()).isEqualTo(extra);
        assertThat(messyRun.rowsRead()).isEqualTo(dataLines(messy));
        TestWarehouse b = warehouse(messyRun, "messy-out");
        assertThat(b.count("SELECT count(*) FROM " + b.table("files") + " WHERE status <> 'USED'")).isZero();
        // Nearly all bad rows are placed in a district and month, for the quality view.
        assertThat(b.count("SELECT sum(rows) FROM " + b.table("quarantine_monthly")))
                .isGreaterThan(extra * 95 / 100);
    }

    private static Etl.Report run(Path inbox, String out) {
        return new Etl(TestSpark.session()).run(new Etl.Config(inbox, dir.resolve(out).resolve("warehouse"),
                TestExports.REFERENCE, dir.resolve(out).resolve("state"), 2));
    }

    private static TestWarehouse warehouse(Etl.Report report, String out) {
        return new TestWarehouse(dir.resolve(out).resolve("warehouse").resolve(report.snapshot()));
    }

    private static String oneDecimal(String value) {
        return value == null ? "null" : String.format(java.util.Locale.ROOT, "%.1f", Double.parseDouble(value));
    }

    /** Data lines of every export: newline-ended lines plus a cut-off last line, minus the header. */
    private static long dataLines(Path inbox) {
        try (Stream<Path> files = Files.walk(inbox)) {
            long n = 0;
            // The generator's manifest (.slrt-sample) is hidden: no export, as the ETL's ledger sees it.
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                long lines = 0;
                for (byte b : bytes) {
                    lines += b == '\n' ? 1 : 0;
                }
                n += lines + (bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? 1 : 0) - 1;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
