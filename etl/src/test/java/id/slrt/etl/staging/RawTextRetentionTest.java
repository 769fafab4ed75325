package id.slrt.etl.staging;

import id.slrt.etl.Etl;
import id.slrt.etl.TestExports;
import id.slrt.etl.TestSpark;
import id.slrt.etl.TestWarehouse;
import id.slrt.etl.quality.QuarantineReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw text of quarantined rows: only in the owner-only state folder, and only for the retention. */
class RawTextRetentionTest {
    /** Two good visits and two quarantined ones, whose raw lines hold a name the test looks for. */
    private static Path inbox(Path dir) {
        Path inbox = dir.resolve("inbox");
        TestExports.writeVisits(inbox.resolve("3404/kunjungan_2018-06.csv"), List.of(
                "R-1,2018-06-04,3404012001,SEKRETARIAT,DATANG_LANGSUNG,3404015007800001,3404010101080001,Sekar Arum,,P,1980-07-10,T,KESEHATAN,KIS",
                "R-2,2018-06-05,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,Wening Galih,,P,,T,KESEHATAN,PKH",
                "R-3,2018-02-30,3404012001,SEKRETARIAT,DATANG_LANGSUNG,3404015007800002,,Rara Purbasari,,P,,T,KESEHATAN,KIS",
                "R-4,2018-06-06,9999012001,SEKRETARIAT,DATANG_LANGSUNG,3404015007800003,,Sasmita Rahayu,,P,,T,KESEHATAN,KIS"));
        return inbox;
    }

    private static Etl.Config config(Path dir, boolean force, int retentionDays) {
        return new Etl.Config(dir.resolve("inbox"), dir.resolve("warehouse"), TestExports.REFERENCE,
                dir.resolve("state"), 5, force, Etl.Config.DEFAULT_SLA_DAYS, retentionDays);
    }

    @Test
    void everythingARunWritesUnderTheStateFolderIsReadableByItsOwnerOnly(@TempDir Path dir) throws IOException {
        inbox(dir);
        new Etl(TestSpark.session()).run(config(dir, false, RawText.DEFAULT_RETENTION_DAYS));

        Map<String, String> permissions = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir.resolve("state"))) {
            for (Path p : all.toList()) {
                permissions.put(dir.relativize(p).toString(), (Files.isDirectory(p) ? "d" : "-")
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        // What a run writes: the journal, the lock, staged rows and raw text (with Hadoop's .crc files). These
        // are real exports, so the key comes from SLRT_PSEUDONYM_KEY and no key file is written.
        assertThat(permissions).containsKeys("state", "state/runs.tsv", "state/etl.lock", "state/staged", "state/raw");
        assertThat(permissions).doesNotContainKey("state/pseudonym.key");
        assertThat(permissions.keySet()).anyMatch(p -> p.startsWith("state/raw/batch=") && p.endsWith(".parquet"))
                .anyMatch(p -> p.startsWith("state/staged/batch=") && p.endsWith(".parquet"))
                .anyMatch(p -> p.endsWith(".crc"));
        assertThat(permissions).allSatisfy((path, mode) ->
                assertThat(mode).as(path).isIn("drwx------", "-rw-------"));
    }

    @Test
    void aBatchOlderThanTheRetentionLosesItsRawTextAtTheNextRunWhileItsStagedRowsAndEveryCountStay(@TempDir Path dir) {
        inbox(dir);
        Path state = dir.resolve("state");
        Etl.Report first = new Etl(TestSpark.session()).run(config(dir, false, RawText.DEFAULT_RETENTION_DAYS));
        assertThat(first.rowsQuarantined()).isEqualTo(2);
        String batch = first.runId();
        RawText rawText = new RawText(state);
        TestWarehouse stateFiles = new TestWarehouse(state);
        String raw = "read_parquet('" + rawText.dir(batch) + "/*.parquet')";
        // Staged rows are stored by kind (kind=V/...): every file below the batch, its rows without the kind.
        String staged = "read_parquet('" + state.resolve("staged/batch=" + batch) + "/**/*.parquet', hive_partitioning = false)";
        // The raw text is kept apart: the quarantined lines, and nothing of them in the staged rows.
        assertThat(stateFiles.rows("SELECT line, raw FROM " + raw + " ORDER BY line")).extracting(r -> r.get(0))
                .containsExactly("4", "5");
        assertThat(stateFiles.rows("SELECT raw FROM " + raw)).allSatisfy(r -> assertThat(r.get(0)).containsAnyOf(
                "Rara Purbasari", "Sasmita Rahayu"));
        assertThat(stateFiles.rows("SELECT column_name FROM (DESCRIBE SELECT * FROM " + staged + ")"))
                .extracting(r -> r.get(0)).contains("file_id", "reason", "person_key").doesNotContain("raw");
        List<List<String>> stagedBefore = stateFiles.rows("SELECT * FROM " + staged + " ORDER BY ALL");
        Map<String, String> countsBefore = counts(dir, first.snapshot());
        assertThat(report(dir)).contains("    R-3,2018-02-30,3404012001").contains("    R-4,2018-06-06,9999012001");

        // Within the retention nothing goes.
        assertThat(rawText.purge(first.startedAt().plus(Duration.ofDays(89)), 90)).isEmpty();
        assertThat(stateFiles.count("SELECT count(*) FROM " + raw)).isEqualTo(2);

        // A run for which the batch is past the retention (0 days: any earlier batch) purges its raw text.
        Etl.Report second = new Etl(TestSpark.session()).run(config(dir, true, 0));
        assertThat(second.runId()).isNotEqualTo(batch);
        assertThat(rawText.dir(batch)).isDirectory();
        assertThat(rawText.dir(batch).toFile().list()).containsExactly(RawText.PURGED);
        assertThat(rawText.purgedAfterDays(batch)).contains(0);
        assertThat(stateFiles.rows("SELECT * FROM " + staged + " ORDER BY ALL")).isEqualTo(stagedBefore);
        assertThat(second.rowsRead()).isEqualTo(first.rowsRead());
        assertThat(second.rowsAccepted()).isEqualTo(first.rowsAccepted());
        assertThat(second.rowsQuarantined()).isEqualTo(first.rowsQuarantined());
        assertThat(counts(dir, second.snapshot())).isEqualTo(countsBefore);
        assertThat(report(dir)).doesNotContain("Rara Purbasari").doesNotContain("R-3,2018-02-30")
                .contains("3404/kunjungan_2018-06.csv:4  tanggal_kunjungan  BAD_DATE")
                .contains("    (raw text purged after 0 days)")
                .contains("2 quarantined rows");
    }

    @Test
    void aBatchStagedBeforeTheRawTextWasKeptApartHasItMovedOutAtTheNextRun(@TempDir Path dir) throws Exception {
        inbox(dir);
        Path state = dir.resolve("state");
        Etl.Report first = new Etl(TestSpark.session()).run(config(dir, false, RawText.DEFAULT_RETENTION_DAYS));
        String batch = first.runId();
        Path batchDir = state.resolve("staged/batch=" + batch);
        Path rawDir = new RawText(state).dir(batch);
        TestWarehouse stateFiles = new TestWarehouse(state);
        String staged = "read_parquet('" + batchDir + "/**/*.parquet', hive_partitioning = false)";
        List<List<String>> stagedRows = stateFiles.rows("SELECT * FROM " + staged + " ORDER BY ALL");
        List<List<String>> rawRows = stateFiles.rows("SELECT file_id, line, raw FROM read_parquet('" + rawDir
                + "/*.parquet') ORDER BY ALL");
        Map<String, String> counts = counts(dir, first.snapshot());

        // The batch as earlier versions staged it: the raw text in a column of the staged rows, nothing apart.
        Path legacy = dir.resolve("legacy.parquet");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement()) {
            // Then the kind was a column of the rows, not a folder.
            st.execute("COPY (SELECT s.*, r.raw FROM " + staged.replace("false", "true") + " s LEFT JOIN read_parquet('" + rawDir
                    + "/*.parquet') r ON s.file_id = r.file_id AND s.line = r.line) TO '" + legacy + "' (FORMAT parquet)");
        }
        id.slrt.etl.Folders.delete(batchDir);
        id.slrt.etl.Folders.delete(rawDir);
        Files.createDirectories(batchDir);
        Files.move(legacy, batchDir.resolve("part-00000-legacy.parquet"));
        assertThat(stateFiles.rows("SELECT count(raw) FROM " + staged)).containsExactly(List.of("2"));

        Etl.Report second = new Etl(TestSpark.session()).run(config(dir, true, RawText.DEFAULT_RETENTION_DAYS));
        assertThat(stateFiles.rows("SELECT column_name FROM (DESCRIBE SELECT * FROM " + staged + ")"))
                .extracting(r -> r.get(0)).doesNotContain("raw");
        assertThat(stateFiles.rows("SELECT * FROM " + staged + " ORDER BY ALL")).isEqualTo(stagedRows);
        assertThat(stateFiles.rows("SELECT file_id, line, raw FROM read_parquet('" + rawDir + "/*.parquet') ORDER BY ALL"))
                .isEqualTo(rawRows);
        assertThat(counts(dir, second.snapshot())).isEqualTo(counts);
        try (Stream<Path> left = Files.list(state)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("legacy-"));
        }
        assertThat(report(dir)).contains("    R-3,2018-02-30,3404012001");
    }

    /** Every count of the snapshot the purge could touch: the files' balance, the quarantine, the visits. */
    private static Map<String, String> counts(Path dir, String snapshot) {
        TestWarehouse w = new TestWarehouse(dir.resolve("warehouse").resolve(snapshot));
        Map<String, String> counts = new TreeMap<>();
        counts.putAll(w.map("SELECT 'file ' || path, concat_ws(' ', status, rows_read, rows_accepted, rows_quarantined)"
                + " FROM " + w.table("files")));
        counts.putAll(w.map("SELECT 'quarantine ' || source_file || ':' || line, concat_ws(' ', field, reason, district_code,"
                + " year, month) FROM " + w.table("quarantine")));
        counts.putAll(w.map("SELECT 'visits ' || district_code || ' ' || year || ' ' || month || ' ' || programme,"
                + " sum(visits) || ' ' || sum(people) FROM " + w.table("visits_monthly") + " GROUP BY ALL"));
        counts.putAll(w.map("SELECT 'quality ' || district_code || ' ' || year || ' ' || month, quarantined_rows FROM "
                + w.table("quality_monthly")));
        return counts;
    }

    private static String report(Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new QuarantineReport(TestSpark.session()).print(dir.resolve("warehouse"), dir.resolve("state"), null,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
