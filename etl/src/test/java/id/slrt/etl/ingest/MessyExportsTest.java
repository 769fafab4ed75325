package id.slrt.etl.ingest;

import id.slrt.etl.Etl;
import id.slrt.etl.TestExports;
import id.slrt.etl.TestSpark;
import id.slrt.etl.TestWarehouse;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus of messy exports (src/test/resources/corpus, plus binary and very large files made here)
 * through the whole ETL: each file's expected outcome, and the reason of every quarantined row.
 */
class MessyExportsTest {
    @TempDir
    static Path dir;
    static Etl.Report report;
    static TestWarehouse warehouse;

    @BeforeAll
    static void runTheEtlOnTheCorpus() throws Exception {
        Path inbox = dir.resolve("inbox");
        copyCorpus(inbox);
        Files.write(inbox.resolve("binary.csv"), new byte[]{'i', 'd', 0, 1, 2, (byte) 0xFF, 0, '\n'});
        Files.writeString(inbox.resolve("huge_field.csv"), String.join(",", ExportKind.VISITS.columns()) + "\n"
                + "H-01,2018-09-02,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,," + "x".repeat(10 * 1024 * 1024)
                + ",,L,,T,LAINNYA,KIS\n"
                + "H-02,2018-09-02,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,Budi,,L,,T,LAINNYA,KIS\n");
        writeXlsx(inbox.resolve("3404/kunjungan_excel.xlsx"));

        report = new Etl(TestSpark.session()).run(new Etl.Config(inbox, dir.resolve("warehouse"),
                TestExports.REFERENCE, dir.resolve("state"), 3));
        warehouse = new TestWarehouse(dir.resolve("warehouse").resolve(report.snapshot()));
    }

    @Test
    void everyFileHasItsExpectedOutcomeAndBalances() {
        Map<String, String> outcome = warehouse.map("SELECT path, concat_ws(' ', status, coalesce(reason, ''), rows_read,"
                + " rows_accepted, rows_quarantined) FROM " + warehouse.table("files"));
        assertThat(outcome).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("3404/header_only.csv", "USED  0 0 0"),
                Map.entry("3404/kunjungan_dirty.csv", "USED  13 1 12"),
                Map.entry("3404/kunjungan_exported_twice.csv", "USED  1 0 1"),
                Map.entry("3404/kunjungan_semicolon_bom.csv", "USED  3 3 0"),
                Map.entry("3404/kunjungan_windows1252.csv", "USED  2 2 0"),
                Map.entry("3404/kunjungan_excel.xlsx", "USED  2 2 0"),
                Map.entry("3404/rujukan_2018-06.csv", "USED  4 2 2"),
                Map.entry("3404/rujukan_2018-07.csv", "USED  2 2 0"),
                Map.entry("unterminated_quote.csv", "USED  2 1 1"),
                Map.entry("huge_field.csv", "USED  2 1 1"),
                Map.entry("empty.csv", "REJECTED EMPTY_FILE 0 0 0"),
                Map.entry("not_an_export.csv", "REJECTED UNKNOWN_KIND 0 0 0"),
                Map.entry("missing_columns.csv", "REJECTED MISSING_COLUMNS 0 0 0"),
                Map.entry("binary.csv", "REJECTED BINARY_FILE 0 0 0")));
        assertThat(report.rowsRead()).isEqualTo(report.rowsAccepted() + report.rowsQuarantined()).isEqualTo(31);
        assertThat(report.filesRejected()).isEqualTo(4);
        assertThat(report.rejectedFiles()).anySatisfy(f -> assertThat(f).startsWith("missing_columns.csv: MISSING_COLUMNS")
                .contains("tanggal_kunjungan, kode_wilayah, program"));
    }

    @Test
    void encodingsAndDelimitersAreDetected() {
        Map<String, String> detected = warehouse.map("SELECT path, encoding || ' ' || delimiter FROM "
                + warehouse.table("files") + " WHERE status = 'USED'");
        assertThat(detected).containsEntry("3404/kunjungan_semicolon_bom.csv", "UTF-8 BOM ;")
                .containsEntry("3404/kunjungan_windows1252.csv", "windows-1252 ,")
                .containsEntry("3404/kunjungan_excel.xlsx", "xlsx ");
    }

    @Test
    void everyQuarantinedRowNamesFileLineFieldAndReason() {
        List<List<String>> dirty = warehouse.rows("SELECT line, field, reason, message_id, message_en FROM "
                + warehouse.table("quarantine") + " WHERE source_file = '3404/kunjungan_dirty.csv' ORDER BY line");
        assertThat(dirty).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)).containsExactly(
                "2 kode_wilayah UNKNOWN_REGION",
                "3 tanggal_kunjungan BAD_DATE",
                "4 tanggal_kunjungan DATE_OUT_OF_RANGE",
                "5 tanggal_kunjungan DATE_OUT_OF_RANGE",
                "6 id_kunjungan MISSING_VISIT_ID",
                "7 program UNKNOWN_PROGRAMME",
                "8 program UNKNOWN_PROGRAMME",
                "10 kode_wilayah AMBIGUOUS_REGION",
                "11 null WRONG_FIELD_COUNT",
                "12 lokasi_layanan UNKNOWN_CODE",
                "13 kode_wilayah MISSING_REGION",
                "14 null TRUNCATED_ROW");
        assertThat(dirty).allSatisfy(r -> assertThat(r.get(3)).isNotBlank().isNotEqualTo(r.get(4)));

        Map<String, String> others = warehouse.map("SELECT source_file || ':' || line, reason FROM "
                + warehouse.table("quarantine") + " WHERE source_file <> '3404/kunjungan_dirty.csv'");
        assertThat(others).containsExactlyInAnyOrderEntriesOf(Map.of(
                "3404/kunjungan_exported_twice.csv:2", "DUPLICATE",
                "3404/rujukan_2018-06.csv:4", "REFERRAL_WITHOUT_VISIT",
                "3404/rujukan_2018-06.csv:5", "UNKNOWN_CODE",
                "unterminated_quote.csv:3", "UNTERMINATED_QUOTE",
                "huge_field.csv:2", "FIELD_TOO_LONG"));
    }

    @Test
    void acceptedRowsReachTheAggregatesOnceAndTheLatestReferralStatusWins() {
        Map<String, String> visits = warehouse.map("SELECT month || ' ' || programme, sum(visits) FROM "
                + warehouse.table("visits_monthly") + " WHERE district_code = '3404' AND year = 2018 GROUP BY 1");
        assertThat(visits).containsExactlyInAnyOrderEntriesOf(Map.of(
                "6 KIS", "2", "6 SKTM", "1",      // semicolon file; C1-001 exported twice counts once
                "7 BPNT", "1", "7 INFORMASI", "1", // Windows-1252 file
                "8 KIS", "1",                      // the formula-like name is just dropped
                "9 KIS", "2",                      // unterminated_quote U-01 and huge_field H-02
                "10 KIS", "1", "10 PKH", "1"));    // xlsx: a date cell and a text date

        Map<String, String> referrals = warehouse.map("SELECT programme || ' ' || agency, referred || ' ' || completed"
                + " || ' ' || declined || ' ' || open FROM " + warehouse.table("referrals_monthly"));
        assertThat(referrals).containsExactlyInAnyOrderEntriesOf(Map.of(
                "KIS BPJS", "1 1 0 0",     // DIRUJUK in June's export, SELESAI in July's
                "SKTM DINSOS", "1 0 1 0")); // DIPROSES, then DITOLAK
    }

    @Test
    void noNikNoFamilyNumberAndNoNameReachesTheWarehouse() throws IOException {
        List<String> personal = List.of("3404124506700001", "3404120101090001", "Sri Rahayu", "Budi Santoso",
                "Tri Wahyuni", "Rahayu", "HYPERLINK");
        try (Stream<Path> tables = Files.list(warehouse.snapshotDir())) {
            for (Path table : tables.toList()) {
                List<List<String>> rows = warehouse.rows("SELECT * FROM " + warehouse.table(table.getFileName().toString()));
                assertThat(rows).as(table.getFileName().toString()).allSatisfy(row -> assertThat(row)
                        .allSatisfy(value -> {
                            if (value != null) {
                                // A NIK or No. KK is a 16-digit token; decimals such as shares are not.
                                assertThat(value).doesNotMatch("(?s).*(?<![\\d.])\\d{16}(?![\\d.]).*");
                                personal.forEach(p -> assertThat(value).doesNotContain(p));
                            }
                        }));
            }
        }
    }

    @Test
    void theOperatorSeesTheRawTextOfQuarantinedRowsFromTheStateFolder() {
        var out = new java.io.ByteArrayOutputStream();
        long n = new id.slrt.etl.quality.QuarantineReport(TestSpark.session()).print(dir.resolve("warehouse"),
                dir.resolve("state"), "3404/kunjungan_dirty.csv", new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(n).isEqualTo(12);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("3404/kunjungan_dirty.csv:2  kode_wilayah  UNKNOWN_REGION: Kode atau nama wilayah tidak ada")
                .contains("    D-01,2018-08-01,9999012001,SEKRETARIAT")
                .contains("12 quarantined rows in 3404/kunjungan_dirty.csv");
    }

    private static void copyCorpus(Path inbox) throws IOException, URISyntaxException {
        Path corpus = Path.of(MessyExportsTest.class.getResource("/corpus").toURI());
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = inbox.resolve(corpus.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }

    /** A real Excel file: a date cell stored as a number, and a date typed as text. */
    private static void writeXlsx(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            var sheet = book.createSheet("Kunjungan");
            var header = sheet.createRow(0);
            List<String> columns = ExportKind.VISITS.columns();
            for (int i = 0; i < columns.size(); i++) {
                header.createCell(i).setCellValue(columns.get(i).toUpperCase().replace('_', ' '));
            }
            String[][] rows = {
                    {"X-01", null, "3404012001", "SEKRETARIAT", "DATANG_LANGSUNG", "", "", "Eko", "", "L", "", "T", "KESEHATAN", "KIS"},
                    {"X-02", "2018-10-09", "3404", "PUSKESOS", "DATANG_LANGSUNG", "", "", "Ani", "", "P", "", "T", "BANTUAN_TUNAI", "PKH"}};
            var dateStyle = book.createCellStyle();
            dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r + 1);
                for (int c = 0; c < columns.size(); c++) {
                    if (rows[r][c] == null) {
                        var cell = row.createCell(c);
                        cell.setCellValue(java.time.LocalDate.of(2018, 10, 8));
                        cell.setCellStyle(dateStyle);
                    } else if (!rows[r][c].isEmpty()) {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            book.write(out);
        }
        assertThat(Files.size(file)).isPositive();
        assertThat(new String(Files.readAllBytes(file), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
    }
}
