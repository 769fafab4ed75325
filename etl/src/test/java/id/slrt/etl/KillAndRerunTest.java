package id.slrt.etl;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.warehouse.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL the ETL (a separate JVM running {@code EtlMain etl}) at several moments of a run: readers keep
 * the previous complete snapshot, and the next run converges to what an uninterrupted run publishes.
 */
class KillAndRerunTest {
    private static final List<String> TABLES = List.of("visits_monthly", "referrals_monthly", "quarantine");

    @Test
    void aKilledRunLeavesThePreviousSnapshotAndTheNextRunConverges(@TempDir Path dir) throws Exception {
        Path inbox = dir.resolve("inbox");
        new SampleGenerator(Regions.load(TestExports.REFERENCE)).generate(new SampleGenerator.Options(inbox, 9, 0.003, 2018, 2018, true));
        TestExports.writeVisits(inbox.resolve("bad/kunjungan_bad.csv"), List.of(
                "B-1,2018-13-01,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,A,,L,,T,LAINNYA,KIS"));

        // The uninterrupted run, in its own warehouse and state.
        Etl.Report reference = new Etl(TestSpark.session()).run(new Etl.Config(inbox, dir.resolve("w-ref"),
                TestExports.REFERENCE, dir.resolve("s-ref"), 3));
        TestWarehouse expected = new TestWarehouse(dir.resolve("w-ref").resolve(reference.snapshot()));

        // The interrupted warehouse first has a snapshot of part of the inbox (Sleman only).
        Path warehouse = dir.resolve("w");
        Path state = dir.resolve("s");
        Etl.Report partial = new Etl(TestSpark.session()).run(new Etl.Config(inbox.resolve("3404"), warehouse,
                TestExports.REFERENCE, state, 3));
        // Later runs read the whole inbox: every file is new to them.
        List<String> killedAt = new ArrayList<>();
        for (long delayMs : new long[]{2_500, 5_000, 7_500, 10_000}) {
            Process etl = new ProcessBuilder(javaCommand(inbox, warehouse, state)).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("etl-" + delayMs + ".log").toFile()).start();
            if (etl.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
                killedAt.add(delayMs + " ms: finished first (exit " + etl.exitValue() + ")");
            } else {
                etl.destroyForcibly().waitFor(); // SIGKILL on Linux: no shutdown hook runs
                killedAt.add(delayMs + " ms: killed");
            }
            Optional<String> current = new Snapshots(warehouse).current();
            assertThat(current).as("CURRENT after " + killedAt.getLast()).isPresent();
            // Whatever CURRENT names is complete and readable.
            TestWarehouse served = new TestWarehouse(warehouse.resolve(current.get()));
            for (String table : TABLES) {
                assertThat(served.count("SELECT count(*) FROM " + served.table(table))).isGreaterThanOrEqualTo(0);
            }
            if (etl.exitValue() != 0 && current.get().equals(partial.snapshot())) {
                assertThat(served.count("SELECT count(DISTINCT district_code) FROM " + served.table("visits_monthly")))
                        .isEqualTo(1);
            }
        }
        assertThat(killedAt).as("at least one run must really be killed").anySatisfy(k -> assertThat(k).endsWith("killed"));

        Etl.Report converged = new Etl(TestSpark.session()).run(new Etl.Config(inbox, warehouse, TestExports.REFERENCE, state, 3));
        TestWarehouse actual = new TestWarehouse(warehouse.resolve(new Snapshots(warehouse).current().orElseThrow()));
        for (String table : TABLES) {
            String columns = table.equals("quarantine") ? "source_file, line, field, reason" : "*";
            String sql = "SELECT " + columns + " FROM %s ORDER BY ALL";
            assertThat(actual.rows(sql.formatted(actual.table(table)))).as(table + " after " + killedAt)
                    .isEqualTo(expected.rows(sql.formatted(expected.table(table))));
        }
        assertThat(converged.rowsRead()).isEqualTo(reference.rowsRead());
        // No staging leftovers of the killed runs once a run has published.
        try (Stream<Path> children = Files.list(state)) {
            assertThat(children.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("tmp-"));
        }
    }

    private static List<String> javaCommand(Path inbox, Path warehouse, Path state) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1", "-Xmx1g",
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + System.getProperty("surefire.test.class.path", ""),
                EtlMain.class.getName(), "etl", "--inbox", inbox.toString(), "--warehouse", warehouse.toString(),
                "--state", state.toString(), "--reference", TestExports.REFERENCE.toString(), "--master", "local[2]");
    }
}
