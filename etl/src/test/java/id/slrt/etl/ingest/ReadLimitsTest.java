package id.slrt.etl.ingest;

import id.slrt.etl.hostile.HostileExports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each bound of {@link ReadLimits}, made small so a small file passes it: the file is rejected with
 * the bound's reason, and the detail names the bound and never the file's content.
 */
class ReadLimitsTest {
    private static final String HEADER = String.join(",", ExportKind.VISITS.columns());
    private static final String ROW = "V-1,2018-06-04,3404,SEKRETARIAT,DATANG_LANGSUNG,3404011506800001,,Budi Rahasia,,L,,T,KESEHATAN,KIS";

    @TempDir
    Path dir;

    private static ReadLimits limits(long fileBytes, long xlsxBytes, long partBytes, int ratio, int entries, int depth,
                                     long elements, int columns, int recordChars, int fieldLength, int rows, long cells) {
        return new ReadLimits(fileBytes, xlsxBytes, partBytes, ratio, entries, depth, elements, columns, recordChars,
                fieldLength, rows, cells);
    }

    private static ReadLimits defaultsWith(java.util.function.UnaryOperator<long[]> change) {
        ReadLimits d = ReadLimits.DEFAULTS;
        long[] v = {d.maxFileBytes(), d.maxXlsxBytes(), d.maxPartBytes(), d.maxCompressionRatio(), d.maxZipEntries(),
                d.maxXmlDepth(), d.maxXmlElements(), d.maxColumns(), d.maxRecordChars(), d.maxFieldLength(), d.maxRows(),
                d.maxCells()};
        v = change.apply(v);
        return limits(v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5], v[6], (int) v[7], (int) v[8], (int) v[9],
                (int) v[10], v[11]);
    }

    private FileRejected rejected(Path file, ReadLimits limits) {
        try {
            ExportReader.read(file, null, limits);
        } catch (FileRejected e) {
            assertThat(e.detail()).doesNotContain("Budi").doesNotContain("3404011506800001");
            return e;
        }
        throw new AssertionError(file + " was read, not rejected");
    }

    private Path csv(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aFileLargerThanMaxFileBytesIsRejectedWithItsSize() throws Exception {
        Path file = csv("big.csv", HEADER + "\n" + ROW + "\n");
        FileRejected e = rejected(file, defaultsWith(v -> { v[0] = 100; return v; }));
        assertThat(e.reason()).isEqualTo(Reason.FILE_TOO_LARGE);
        assertThat(e.detail()).contains("maxFileBytes = 100 bytes").contains(Files.size(file) + " bytes");
    }

    @Test
    void moreRowsThanMaxRowsRejectTheFileAndAsManyPass() throws Exception {
        Path file = csv("rows.csv", HEADER + "\n" + (ROW + "\n").repeat(3));
        assertThat(ExportReader.read(file, null, defaultsWith(v -> { v[10] = 3; return v; })).records()).hasSize(3);
        FileRejected e = rejected(file, defaultsWith(v -> { v[10] = 2; return v; }));
        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_ROWS);
        assertThat(e.detail()).contains("maxRows = 2");
    }

    @Test
    void aHeaderWithMoreFieldsThanMaxColumnsRejectsTheFileAndSuchADataRowIsQuarantined() throws Exception {
        Path file = csv("wide.csv", HEADER + "\n" + ROW + ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,x\n");
        ReadLimits twenty = defaultsWith(v -> { v[7] = 20; return v; });
        CsvRecordReader.CsvRecord row = ExportReader.read(file, null, twenty).records().get(0);
        assertThat(row.problem()).isEqualTo("WRONG_FIELD_COUNT");
        assertThat(row.fields()).hasSize(20);
        FileRejected e = rejected(file, defaultsWith(v -> { v[7] = 10; return v; }));
        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_COLUMNS);
        assertThat(e.detail()).contains("maxColumns = 10");
    }

    @Test
    void aRecordPastMaxRecordCharsIsQuarantinedAndAHeaderPastItRejectsTheFile() throws Exception {
        Path file = csv("long.csv", HEADER + "\n" + ROW + ("," + "y".repeat(50)).repeat(40) + "\n" + ROW + "\n");
        ReadLimits thousand = defaultsWith(v -> { v[8] = 1_000; return v; });
        List<CsvRecordReader.CsvRecord> records = ExportReader.read(file, null, thousand).records();
        assertThat(records).extracting(CsvRecordReader.CsvRecord::problem).containsExactly("RECORD_TOO_LONG", null);
        FileRejected e = rejected(file, defaultsWith(v -> { v[8] = 100; return v; }));
        assertThat(e.reason()).isEqualTo(Reason.LINE_TOO_LONG);
        assertThat(e.detail()).contains("maxRecordChars = 100");
    }

    @Test
    void aFileWithoutItsHeaderIsRejectedWithoutQuotingItsFirstLine() throws Exception {
        FileRejected e = rejected(csv("no_header.csv", ROW + "\n" + ROW + "\n"), ReadLimits.DEFAULTS);
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KIND);
        assertThat(e.detail()).isEqualTo("no header: the first line has 14 fields, none a known column name");
        assertThat(e.getMessage()).doesNotContain("Budi").doesNotContain("V-1");
    }

    @Test
    void bytesThatAreNotTheLedgersAreRejectedAsChanged() throws Exception {
        Path file = csv("changed.csv", HEADER + "\n" + ROW + "\n");
        String before = ExportReader.sha256(Files.readAllBytes(file));
        assertThat(ExportReader.read(file, before, ReadLimits.DEFAULTS).records()).hasSize(1);
        Files.writeString(file, HEADER + "\n" + ROW + "\n" + ROW + "\n");
        assertThat(rejected(file, before, ReadLimits.DEFAULTS).reason()).isEqualTo(Reason.FILE_CHANGED);
    }

    private FileRejected rejected(Path file, String sha, ReadLimits limits) {
        try {
            ExportReader.read(file, sha, limits);
        } catch (FileRejected e) {
            return e;
        }
        throw new AssertionError(file + " was read, not rejected");
    }

    @Test
    void symbolicLinksAndFifosAreNeverOpened() throws Exception {
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, csv("target.csv", HEADER + "\n" + ROW + "\n"));
        assertThat(rejected(link, ReadLimits.DEFAULTS).reason()).isEqualTo(Reason.NOT_A_FILE);
        assertThat(rejected(link, ReadLimits.DEFAULTS).detail()).isEqualTo("symbolic link");
        Path fifo = dir.resolve("fifo.csv");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            FileRejected e = rejected(fifo, ReadLimits.DEFAULTS);
            assertThat(e.reason()).isEqualTo(Reason.NOT_A_FILE);
            assertThat(e.detail()).isEqualTo("special file");
        }
    }

    private Path xlsx(String name, String sheetXml) throws IOException {
        Path file = dir.resolve(name);
        HostileExports.xlsx(file, sheetXml);
        return file;
    }

    private static String sheet(int rows) {
        List<List<String>> all = new java.util.ArrayList<>();
        all.add(ExportKind.VISITS.columns());
        for (int i = 0; i < rows; i++) {
            all.add(List.of(ROW.split(",", -1)));
        }
        return HostileExports.sheet(all);
    }

    @Test
    void anXlsxWithinTheBoundsIsRead() throws Exception {
        assertThat(ExportReader.read(xlsx("ok.xlsx", sheet(3)), null, ReadLimits.DEFAULTS).records()).hasSize(3)
                .allSatisfy(r -> assertThat(r.fields()).hasSize(14).contains("KIS"));
    }

    @Test
    void anXlsxPartPastMaxPartBytesIsRejectedWhileInflating() throws Exception {
        Path file = xlsx("part.xlsx", sheet(50));
        FileRejected e = rejected(file, defaultsWith(v -> { v[2] = 4_000; return v; }));
        assertThat(e.reason()).isEqualTo(Reason.XLSX_TOO_LARGE);
        assertThat(e.detail()).startsWith("worksheet unzips past").contains("maxPartBytes = 4,000 bytes");
        FileRejected whole = rejected(file, defaultsWith(v -> { v[1] = 4_000; return v; }));
        assertThat(whole.detail()).contains("maxXlsxBytes = 4,000 bytes");
    }

    @Test
    void anXlsxThatUnzipsFarPastItsSizeIsAZipBomb() throws Exception {
        Path file = dir.resolve("bomb.xlsx");
        HostileExports.zipBomb(file, 64L * 1024 * 1024);
        FileRejected e = rejected(file, ReadLimits.DEFAULTS);
        assertThat(e.reason()).isEqualTo(Reason.XLSX_TOO_LARGE);
        assertThat(e.detail()).contains("maxCompressionRatio = " + ReadLimits.DEFAULTS.maxCompressionRatio());
    }

    @Test
    void anXlsxWithMoreEntriesThanMaxZipEntriesIsRejected() throws Exception {
        Path file = dir.resolve("entries.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < 11; i++) {
                zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + (i + 1) + ".xml"));
                zip.write(sheet(1).getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(ExportReader.read(file, null, defaultsWith(v -> { v[4] = 11; return v; })).records()).hasSize(1);
        FileRejected e = rejected(file, defaultsWith(v -> { v[4] = 10; return v; }));
        assertThat(e.reason()).isEqualTo(Reason.XLSX_TOO_LARGE);
        assertThat(e.detail()).contains("maxZipEntries = 10");
    }

    @Test
    void xmlDeeperOrLargerThanItsBoundsIsRejected() throws Exception {
        Path file = xlsx("xml.xlsx", sheet(10));
        FileRejected deep = rejected(file, defaultsWith(v -> { v[5] = 4; return v; }));
        assertThat(deep.reason()).isEqualTo(Reason.XML_TOO_COMPLEX);
        assertThat(deep.detail()).contains("maxXmlDepth = 4");
        FileRejected many = rejected(file, defaultsWith(v -> { v[6] = 100; return v; }));
        assertThat(many.reason()).isEqualTo(Reason.XML_TOO_COMPLEX);
        assertThat(many.detail()).contains("maxXmlElements = 100");
    }

    @Test
    void aCellRightOfExcelsLastColumnRejectsTheFileAndAWideSheetPassesMaxCells() throws Exception {
        FileRejected e = rejected(xlsx("zz.xlsx", "<worksheet><sheetData><row r=\"1\"><c r=\"ZZZZZZZZZZZZ1\"><v>1</v></c>"
                + "</row></sheetData></worksheet>"), ReadLimits.DEFAULTS);
        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_COLUMNS);
        assertThat(e.detail()).contains("maxColumns = 16,384");
        assertThat(XlsxReader.columnIndex("XFD1")).isEqualTo(16_383);
        assertThat(XlsxReader.columnIndex("AB12")).isEqualTo(27);

        FileRejected cells = rejected(xlsx("cells.xlsx", sheet(10)), defaultsWith(v -> { v[11] = 100; return v; }));
        assertThat(cells.reason()).isEqualTo(Reason.TOO_MANY_ROWS);
        assertThat(cells.detail()).contains("maxCells = 100");
    }

    @Test
    void aValueRightOfTheHeaderQuarantinesItsRowAndIsNotKept() throws Exception {
        String xml = sheet(1).replace("</row></sheetData>", "<c r=\"XFD2\"><v>9</v></c></row></sheetData>");
        List<CsvRecordReader.CsvRecord> records = ExportReader.read(xlsx("right.xlsx", xml), null, ReadLimits.DEFAULTS)
                .records();
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.problem()).isEqualTo("WRONG_FIELD_COUNT");
            assertThat(r.fields()).hasSize(14);
        });
    }

    @Test
    void aDtdIsRefusedAndParserMessagesNeverQuoteTheSheet() throws Exception {
        FileRejected dtd = rejected(xlsx("dtd.xlsx", "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY b \"Budi\">]>"
                + "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>"),
                ReadLimits.DEFAULTS);
        assertThat(dtd.reason()).isEqualTo(Reason.XML_TOO_COMPLEX);
        FileRejected broken = rejected(xlsx("broken.xlsx", "<worksheet><sheetData><row><Budi_Rahasia_3404011506800001>"
                + "</sheetData></worksheet>"), ReadLimits.DEFAULTS);
        assertThat(broken.reason()).isEqualTo(Reason.UNREADABLE_FILE);
        assertThat(broken.detail()).startsWith("xlsx: worksheet is not well-formed XML at line").doesNotContain("Budi");
    }
}
