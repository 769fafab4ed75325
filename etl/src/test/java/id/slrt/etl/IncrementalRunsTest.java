package id.slrt.etl;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.warehouse.Snapshots;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Re-runs change nothing; a new month is added without re-reading the rest; a correction replaces. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalRunsTest {
    @TempDir
    static Path dir;
    static Path inbox;
    static Etl.Config config;
    static Map<String, Long> firstTotals;
    static String firstSnapshot;
    static int firstFiles;

    static Etl.Report run() {
        return new Etl(TestSpark.session()).run(config);
    }

    @Test
    @Order(1)
    void aFirstRunPublishesEveryFile() {
        inbox = dir.resolve("inbox");
        config = new Etl.Config(inbox, dir.resolve("warehouse"), TestExports.REFERENCE, dir.resolve("state"), 2);
        new SampleGenerator(Regions.load(TestExports.REFERENCE)).generate(new SampleGenerator.Options(inbox, 3, 0.002, 2018, 2018));
        Etl.Report report = run();
        firstSnapshot = report.snapshot();
        firstFiles = report.files();
        firstTotals = totals(report.snapshot());
        assertThat(report.filesStaged()).isEqualTo(report.files());
        assertThat(firstTotals.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(report.rowsAccepted());
    }

    @Test
    @Order(2)
    void reRunningOnTheSameInboxChangesNothing() throws IOException {
        List<String> before = listing(config.warehouse());
        Etl.Report again = run();
        assertThat(again.snapshot()).isEqualTo(firstSnapshot);
        assertThat(again.filesStaged()).isZero();
        assertThat(listing(config.warehouse())).isEqualTo(before);
        assertThat(new Snapshots(config.warehouse()).current()).contains(firstSnapshot);
    }

    @Test
    @Order(3)
    void aNewMonthIsParsedAloneAndAdded() throws IOException {
        TestExports.writeVisits(inbox.resolve("3404/kunjungan_3404_2019-01.csv"), List.of(
                "N-1,2019-01-07,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,A,,L,,T,KESEHATAN,KIS",
                "N-2,2019-01-08,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,A,,L,,T,KESEHATAN,KIS",
                "N-3,2019-01-08,3404,PUSKESOS,DATANG_LANGSUNG,,,A,,L,,T,PANGAN,BPNT"));
        Etl.Report report = run();
        assertThat(report.files()).isEqualTo(firstFiles + 1);
        assertThat(report.filesStaged()).isEqualTo(1);
        Map<String, Long> expected = new TreeMap<>(firstTotals);
        expected.put("3404|2019|1|KIS", 2L);
        expected.put("3404|2019|1|BPNT", 1L);
        assertThat(totals(report.snapshot())).isEqualTo(expected);
    }

    @Test
    @Order(4)
    void aCorrectedReExportReplacesWhatTheFileContributed() throws IOException {
        // N-1 was a BPNT visit in fact, N-3 was entered by mistake.
        TestExports.writeVisits(inbox.resolve("3404/kunjungan_3404_2019-01.csv"), List.of(
                "N-1,2019-01-07,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,A,,L,,T,PANGAN,BPNT",
                "N-2,2019-01-08,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,A,,L,,T,KESEHATAN,KIS"));
        Etl.Report report = run();
        assertThat(report.filesStaged()).isEqualTo(1);
        Map<String, Long> expected = new TreeMap<>(firstTotals);
        expected.put("3404|2019|1|KIS", 1L);
        expected.put("3404|2019|1|BPNT", 1L);
        assertThat(totals(report.snapshot())).isEqualTo(expected);
    }

    @Test
    @Order(5)
    void theRunsTableKeepsEveryRun() {
        TestWarehouse w = new TestWarehouse(new Snapshots(config.warehouse()).currentDir().orElseThrow());
        List<List<String>> runs = w.rows("SELECT status, rows_read = rows_accepted + rows_quarantined FROM "
                + w.table("runs") + " ORDER BY started_at");
        assertThat(runs).extracting(r -> r.get(0)).containsExactly("SUCCEEDED", "UNCHANGED", "SUCCEEDED", "SUCCEEDED");
        assertThat(runs).allSatisfy(r -> assertThat(r.get(1)).isEqualTo("true"));
    }

    static Map<String, Long> totals(String snapshot) {
        TestWarehouse w = new TestWarehouse(config.warehouse().resolve(snapshot));
        Map<String, Long> totals = new TreeMap<>();
        w.rows("SELECT district_code, year, month, programme, sum(visits) FROM " + w.table("visits_monthly") + " GROUP BY ALL")
                .forEach(r -> totals.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3), Long.parseLong(r.get(4))));
        return totals;
    }

    private static List<String> listing(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
