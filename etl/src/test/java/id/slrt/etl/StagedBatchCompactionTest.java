package id.slrt.etl;

import id.slrt.etl.warehouse.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Staged batches stay few whatever the number of runs, and merging them changes no number. */
class StagedBatchCompactionTest {
    private static final String MAX_BATCHES = "slrt.etl.max-batches";

    @TempDir
    Path dir;

    @BeforeAll
    static void compactAfterTwoBatches() {
        System.setProperty(MAX_BATCHES, "2");
    }

    @AfterAll
    static void restore() {
        System.clearProperty(MAX_BATCHES);
    }

    @Test
    void fiveRunsLeaveAtMostThreeBatchesAndTheSameTablesAsOneRun() throws IOException {
        Path inbox = dir.resolve("inbox");
        Etl.Config config = new Etl.Config(inbox, dir.resolve("warehouse"), TestExports.REFERENCE, dir.resolve("state"), 2);
        List<String> batchCounts = new ArrayList<>();
        for (int month = 1; month <= 5; month++) {
            // V-1 is exported again every month: its latest copy must win across merged batches.
            TestExports.writeVisits(inbox.resolve("3404/kunjungan_3404_2019-0" + month + ".csv"), List.of(
                    "M" + month + "-1,2019-0" + month + "-07,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,A,,L,,T,KESEHATAN,KIS",
                    "M" + month + "-2,2019-0" + month + "-08,3404,PUSKESOS,DATANG_LANGSUNG,,,A,,L,,T,PANGAN,BPNT",
                    "V-1,2019-0" + month + "-09,3404,PUSKESOS,DATANG_LANGSUNG,,,A,,L,,T,PANGAN,BPNT"));
            Etl.Report report = new Etl(TestSpark.session()).run(config);
            assertThat(report.rowsRead()).isEqualTo(report.rowsAccepted() + report.rowsQuarantined());
            batchCounts.add(String.valueOf(batches(config.stateDir())));
        }
        assertThat(batchCounts).allSatisfy(n -> assertThat(Integer.parseInt(n)).isLessThanOrEqualTo(3));

        Path rebuilt = dir.resolve("rebuilt");
        new Etl(TestSpark.session()).run(new Etl.Config(inbox, rebuilt.resolve("warehouse"), TestExports.REFERENCE,
                rebuilt.resolve("state"), 2));
        String sql = "SELECT year, month, programme, visits FROM %s ORDER BY ALL";
        TestWarehouse incremental = new TestWarehouse(new Warehouse(config.warehouse()).currentDir().orElseThrow());
        TestWarehouse once = new TestWarehouse(new Warehouse(rebuilt.resolve("warehouse")).currentDir().orElseThrow());
        assertThat(incremental.rows(sql.formatted(incremental.table("visits_monthly"))))
                .isEqualTo(once.rows(sql.formatted(once.table("visits_monthly"))))
                .contains(List.of("2019", "5", "BPNT", "2")); // V-1 counted once, in May
        assertThat(incremental.count("SELECT count(*) FROM " + incremental.table("quarantine")
                + " WHERE reason = 'DUPLICATE'")).isEqualTo(4);
    }

    private static long batches(Path state) throws IOException {
        try (Stream<Path> dirs = Files.list(state.resolve("staged"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("batch=")).count();
        }
    }
}
