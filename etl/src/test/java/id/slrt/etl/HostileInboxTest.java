package id.slrt.etl;

import id.slrt.etl.hostile.HostileExports;
import id.slrt.warehouse.Snapshots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile inbox ({@link HostileExports}) through the command line, as {@code ./slrt etl} runs it:
 * no file stops the run, each ends USED or REJECTED with its reason, the run publishes and balances,
 * another district's rows in Sleman's folder change nothing of Bantul's, and the person on the first
 * line of a file without a header appears neither in the warehouse nor in the output.
 */
class HostileInboxTest {
    @TempDir
    static Path dir;
    static Path inbox;
    static Map<String, HostileExports.Expected> expected;
    static TestWarehouse warehouse;
    static int status;
    static String out;
    static String err;

    @BeforeAll
    static void runTheCommandLineOnTheHostileInbox() {
        inbox = dir.resolve("inbox");
        expected = HostileExports.write(inbox);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Path root = dir.resolve("warehouse");
        status = EtlMain.run(new String[]{"etl", "--inbox", inbox.toString(), "--warehouse", root.toString(),
                        "--state", dir.resolve("state").toString(), "--reference", TestExports.REFERENCE.toString(),
                        "--master", "local[2]"},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        warehouse = new TestWarehouse(root.resolve(new Snapshots(root).current().orElseThrow(
                () -> new AssertionError("nothing published: " + out + err))));
    }

    @Test
    void theRunPublishesAndEveryFileEndsUsedOrRejectedWithItsReason() {
        assertThat(status).as(err).isZero();
        assertThat(out).contains("CURRENT -> ");
        Map<String, String> outcome = warehouse.map("SELECT path, concat_ws(' ', status, reason) FROM "
                + warehouse.table("files"));
        Map<String, String> wanted = new LinkedHashMap<>();
        expected.forEach((path, e) -> wanted.put(path, e.asFilesRow()));
        assertThat(outcome).containsExactlyInAnyOrderEntriesOf(wanted);
        expected.forEach((path, e) -> {
            if (e.reason() != null) {
                assertThat(out).contains("rejected " + path + ": " + e.reason().name());
            }
        });
    }

    @Test
    void everyFileAndTheRunBalanceRecordsReadAcceptedAndQuarantined() {
        List<List<String>> unbalanced = warehouse.rows("SELECT path FROM " + warehouse.table("files")
                + " WHERE coalesce(records, 0) <> rows_read OR rows_read <> rows_accepted + rows_quarantined"
                + " OR (status = 'REJECTED' AND rows_read <> 0)");
        assertThat(unbalanced).isEmpty();
        List<String> totals = warehouse.rows("SELECT sum(rows_read), sum(rows_accepted), sum(rows_quarantined) FROM "
                + warehouse.table("files")).get(0);
        assertThat(out).contains(String.format(java.util.Locale.ROOT, "rows      read %,d = accepted %,d + quarantined %,d: balanced",
                Long.parseLong(totals.get(0)), Long.parseLong(totals.get(1)), Long.parseLong(totals.get(2))));
        assertThat(warehouse.count("SELECT count(*) FROM " + warehouse.table("quarantine")))
                .isEqualTo(Long.parseLong(totals.get(2)));
    }

    @Test
    void rowsPastTheRecordBoundsAreQuarantinedAndTheRestOfTheirFileIsUsed() {
        Map<String, String> reasons = warehouse.map("SELECT source_file || ':' || line, reason FROM "
                + warehouse.table("quarantine") + " WHERE source_file IN ('wide_row.csv', 'long_row.csv')");
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                "wide_row.csv:3", "WRONG_FIELD_COUNT", "long_row.csv:3", "RECORD_TOO_LONG"));
        assertThat(warehouse.map("SELECT path, encoding || ' ' || rows_accepted FROM " + warehouse.table("files")
                + " WHERE path = 'mixed_encoding.csv'")).containsEntry("mixed_encoding.csv", "windows-1252 2");
    }

    @Test
    void bantulsVisitsAreItsOwnWhateverSlemansFolderSays() {
        String bantul = csv(inbox.resolve("3402/kunjungan_2018-06.csv"));
        Map<String, String> fromCsv = warehouse.map("SELECT year(CAST(tanggal_kunjungan AS DATE)) || '|'"
                + " || month(CAST(tanggal_kunjungan AS DATE)) || '|' || program, count(*) FROM " + bantul + " GROUP BY 1");
        Map<String, String> published = warehouse.map("SELECT year || '|' || month || '|' || programme, sum(visits) FROM "
                + warehouse.table("visits_monthly") + " WHERE district_code = '3402' GROUP BY 1");
        assertThat(published).isEqualTo(fromCsv).isNotEmpty();
        assertThat(warehouse.count("SELECT count(*) FROM " + warehouse.table("quarantine")
                + " WHERE source_file LIKE '3402/%' OR district_code = '3402'")).isZero();
    }

    @Test
    void anotherDistrictsRowsInSlemansFolderAreQuarantinedAsOtherDistrictAndCountForSleman() {
        for (String file : List.of(HostileExports.BANTUL_VISITS_IN_SLEMAN, HostileExports.BANTUL_REFERRALS_IN_SLEMAN)) {
            long rows = warehouse.count("SELECT count(*) FROM " + csv(inbox.resolve(file)));
            assertThat(warehouse.map("SELECT reason || ' ' || district_code, count(*) FROM " + warehouse.table("quarantine")
                    + " WHERE source_file = '" + file + "' GROUP BY 1"))
                    .as(file).containsExactly(Map.entry("OTHER_DISTRICT 3404", String.valueOf(rows)));
        }
        assertThat(warehouse.rows("SELECT message_id, message_en FROM " + warehouse.table("quarantine")
                + " WHERE reason = 'OTHER_DISTRICT' LIMIT 1").get(0)).containsExactly(
                "Baris dari kabupaten/kota lain daripada folder berkasnya", "Row from another district than its file's folder");
    }

    @Test
    void bantulsReferralStatesAreOnlyChangedByBantulsFiles() {
        String own = csv(inbox.resolve("3402/rujukan_2018-06.csv"));
        List<String> fromCsv = warehouse.rows("SELECT count(*), count_if(status = 'SELESAI'), count_if(status = 'DITOLAK'),"
                + " count_if(status IN ('DIRUJUK', 'DIPROSES')) FROM (SELECT arg_max(status, tanggal_status) AS status"
                + " FROM " + own + " GROUP BY id_rujukan)").get(0);
        List<String> published = warehouse.rows("SELECT sum(referred), sum(completed), sum(declined), sum(open) FROM "
                + warehouse.table("referrals_monthly") + " WHERE district_code = '3402'").get(0);
        assertThat(published).isEqualTo(fromCsv);
    }

    @Test
    void thePersonOnTheFirstLineOfAFileWithoutHeaderIsNowhereInTheWarehouseNorTheOutput() throws IOException {
        assertThat(warehouse.map("SELECT path, detail FROM " + warehouse.table("files") + " WHERE path = '"
                + HostileExports.NO_HEADER_WITH_PII + "'")).containsEntry(HostileExports.NO_HEADER_WITH_PII,
                "no header: the first line has 14 fields, none a known column name");
        HostileExports.PII.forEach(p -> assertThat(out + err).doesNotContain(p));
        try (Stream<Path> tables = Files.list(warehouse.snapshotDir())) {
            for (Path table : tables.toList()) {
                for (List<String> row : warehouse.rows("SELECT * FROM " + warehouse.table(table.getFileName().toString()))) {
                    for (String value : row) {
                        if (value != null) {
                            HostileExports.PII.forEach(p -> assertThat(value).as(table.getFileName().toString())
                                    .doesNotContain(p));
                        }
                    }
                }
            }
        }
    }

    private static String csv(Path file) {
        return "read_csv('" + file + "', header = true, all_varchar = true)";
    }
}
