package id.slrt.etl.hostile;

import id.slrt.etl.ingest.ExportKind;
import id.slrt.etl.ingest.Reason;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A hostile inbox, made at test time (no big binaries in git): zip bombs, huge and deep XML, a DTD,
 * absurd cell references, a 100 MB line, too many rows, NUL bytes, mixed encodings, a file without its
 * header whose first line is a person, another district's rows in Sleman's folder, a symbolic link,
 * a FIFO, an empty file, and a few valid exports of Bantul (3402) and Sleman (3404). Other modules use
 * it from etl's test jar.
 */
public final class HostileExports {
    /** What must become of one file: USED (rows read and checked) or REJECTED with its reason. */
    public record Expected(String status, Reason reason) {
        static Expected used() {
            return new Expected("USED", null);
        }

        static Expected rejected(Reason reason) {
            return new Expected("REJECTED", reason);
        }

        /** As the warehouse's {@code files} table says it: "USED" or "REJECTED REASON". */
        public String asFilesRow() {
            return reason == null ? status : status + " " + reason.name();
        }
    }

    /** Personal data on the first line of the export without a header: must appear nowhere. */
    public static final List<String> PII = List.of("3402017001900009", "3402010101900009", "Siti Aminah Rahasia",
            "1990-01-17");
    public static final String BANTUL = "3402";
    public static final String SLEMAN = "3404";
    /** Sleman's folder, rows of Bantul (its kode_wilayah and its id_kunjungan): all OTHER_DISTRICT. */
    public static final String BANTUL_VISITS_IN_SLEMAN = "3404/kunjungan_dari_bantul.csv";
    /** Sleman's folder, referrals of Bantul's visits with later states: all OTHER_DISTRICT. */
    public static final String BANTUL_REFERRALS_IN_SLEMAN = "3404/rujukan_dari_bantul.csv";
    public static final String NO_HEADER_WITH_PII = "3402/kunjungan_tanpa_judul.csv";
    public static final String FIFO = "3404/pipa.csv";

    private static final String VISITS_HEADER = String.join(",", ExportKind.VISITS.columns());
    private static final String REFERRALS_HEADER = String.join(",", ExportKind.REFERRALS.columns());

    private HostileExports() {
    }

    /**
     * Writes the corpus into {@code inbox} and returns the expected outcome per path (relative, '/').
     * The FIFO is left out (and out of the map) where the system has no mkfifo.
     */
    public static Map<String, Expected> write(Path inbox) {
        try {
            return writeAll(inbox);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Expected> writeAll(Path inbox) throws IOException {
        Map<String, Expected> expected = new LinkedHashMap<>();
        Files.createDirectories(inbox.resolve(BANTUL));
        Files.createDirectories(inbox.resolve(SLEMAN));

        // Valid exports of both districts.
        text(inbox, "3402/kunjungan_2018-06.csv", VISITS_HEADER,
                visit("B-001", "2018-06-04", "3402", "KIS", "3402011506800001"),
                visit("B-002", "2018-06-05", "3402", "PKH", "3402011506800002"),
                visit("B-003", "2018-06-05", "3402", "SKTM", ""),
                visit("B-004", "2018-07-02", "3402", "KIS", "3402011506800004"));
        expected.put("3402/kunjungan_2018-06.csv", Expected.used());
        text(inbox, "3402/rujukan_2018-06.csv", REFERRALS_HEADER,
                "R-B1,B-001,2018-06-04,BPJS,KIS,DIRUJUK,2018-06-04,",
                "R-B2,B-002,2018-06-05,DINSOS,PKH,DIPROSES,2018-06-06,",
                "R-B3,B-003,2018-06-05,DINSOS,SKTM,SELESAI,2018-06-20,");
        expected.put("3402/rujukan_2018-06.csv", Expected.used());
        text(inbox, "3404/kunjungan_2018-06.csv", VISITS_HEADER,
                visit("S-001", "2018-06-11", "3404", "KIS", "3404011506800001"),
                visit("S-002", "2018-06-12", "3404", "BPNT", "3404011506800002"));
        expected.put("3404/kunjungan_2018-06.csv", Expected.used());
        text(inbox, "3404/rujukan_2018-06.csv", REFERRALS_HEADER, "R-S1,S-001,2018-06-11,BPJS,KIS,SELESAI,2018-06-15,");
        expected.put("3404/rujukan_2018-06.csv", Expected.used());
        xlsx(inbox.resolve("3404/kunjungan_excel.xlsx"), sheet(List.of(ExportKind.VISITS.columns(),
                List.of("S-003", "2018-06-13", "3404", "SEKRETARIAT", "DATANG_LANGSUNG", "", "", "Eko", "", "L", "", "T",
                        "KESEHATAN", "KIS"))));
        expected.put("3404/kunjungan_excel.xlsx", Expected.used());

        // Another district's rows in Sleman's folder: later exports (higher seq) that used to win.
        text(inbox, BANTUL_VISITS_IN_SLEMAN, VISITS_HEADER,
                visit("B-001", "2018-08-01", "3402", "BPNT", "3402011506800001"),
                visit("B-002", "2018-08-01", "3402012001", "BPNT", "3402011506800002"),
                visit("B-900", "2018-08-02", "Kab. Bantul", "KIS", ""));
        expected.put(BANTUL_VISITS_IN_SLEMAN, Expected.used());
        text(inbox, BANTUL_REFERRALS_IN_SLEMAN, REFERRALS_HEADER,
                "R-B1,B-001,2018-06-04,BPJS,KIS,SELESAI,2018-07-01,",
                "R-B2,B-002,2018-06-05,DINSOS,PKH,DITOLAK,2018-07-01,");
        expected.put(BANTUL_REFERRALS_IN_SLEMAN, Expected.used());

        // Line 1 is a person, not a header: rejected, and the detail must not quote it.
        text(inbox, NO_HEADER_WITH_PII, null,
                "B-100,2018-06-04,3402," + "SEKRETARIAT,DATANG_LANGSUNG," + PII.get(0) + "," + PII.get(1) + ","
                        + PII.get(2) + ",,P," + PII.get(3) + ",T,KESEHATAN,KIS",
                visit("B-101", "2018-06-04", "3402", "KIS", ""));
        expected.put(NO_HEADER_WITH_PII, Expected.rejected(Reason.UNKNOWN_KIND));

        // Bounds of the CSV reader.
        Files.write(inbox.resolve("nul.csv"), (VISITS_HEADER + "\n" + visit("N-1", "2018-06-04", "3404", "KIS", "")
                + "\u0000\n").getBytes(StandardCharsets.UTF_8));
        expected.put("nul.csv", Expected.rejected(Reason.BINARY_FILE));
        try (OutputStream out = Files.newOutputStream(inbox.resolve("mixed_encoding.csv"))) {
            out.write((VISITS_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            out.write((visit("M-1", "2018-06-04", "3404", "KIS", "").replace(",Budi,", ",José Café,") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write((visit("M-2", "2018-06-05", "3404", "KIS", "").replace(",Budi,", ",Andrés,") + "\n")
                    .getBytes("windows-1252"));
        }
        expected.put("mixed_encoding.csv", Expected.used());
        Files.write(inbox.resolve("empty.csv"), new byte[0]);
        expected.put("empty.csv", Expected.rejected(Reason.EMPTY_FILE));
        try (OutputStream out = Files.newOutputStream(inbox.resolve("one_line_100mb.csv"))) {
            byte[] chunk = "id_kunjungan,".repeat(5_000).getBytes(StandardCharsets.US_ASCII);
            byte[] x = new byte[1 << 20];
            java.util.Arrays.fill(x, (byte) 'x');
            for (int i = 0; i < 100; i++) {
                out.write(i == 0 ? chunk : x);
            }
        }
        expected.put("one_line_100mb.csv", Expected.rejected(Reason.LINE_TOO_LONG));
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(inbox.resolve("ten_million_rows.csv")), 1 << 16)) {
            out.write((VISITS_HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
            byte[] tiny = {'1', '\n'};
            for (int i = 0; i < 10_000_000; i++) {
                out.write(tiny);
            }
        }
        expected.put("ten_million_rows.csv", Expected.rejected(Reason.TOO_MANY_ROWS));
        text(inbox, "wide_row.csv", VISITS_HEADER, visit("W-1", "2018-06-04", "3404", "KIS", ""),
                visit("W-2", "2018-06-04", "3404", "KIS", "") + ",".repeat(40_000));
        expected.put("wide_row.csv", Expected.used());
        text(inbox, "long_row.csv", VISITS_HEADER, visit("L-1", "2018-06-04", "3404", "KIS", ""),
                visit("L-2", "2018-06-04", "3404", "KIS", "") + ("," + "y".repeat(8_000)).repeat(200));
        expected.put("long_row.csv", Expected.used());

        // Bounds of the xlsx reader.
        zipBomb(inbox.resolve("bomb.xlsx"), 3L * 1024 * 1024 * 1024);
        expected.put("bomb.xlsx", Expected.rejected(Reason.XLSX_TOO_LARGE));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(inbox.resolve("many_entries.xlsx")))) {
            for (int i = 0; i < 5_000; i++) {
                zip.putNextEntry(new ZipEntry("xl/media/image" + i + ".png"));
                zip.write(i);
                zip.closeEntry();
            }
        }
        expected.put("many_entries.xlsx", Expected.rejected(Reason.XLSX_TOO_LARGE));
        xlsx(inbox.resolve("deep.xlsx"), "<worksheet><sheetData>" + "<a>".repeat(100_000) + "</a>".repeat(100_000)
                + "</sheetData></worksheet>");
        expected.put("deep.xlsx", Expected.rejected(Reason.XML_TOO_COMPLEX));
        xlsx(inbox.resolve("billion_laughs.xlsx"), """
                <?xml version="1.0"?>
                <!DOCTYPE worksheet [
                 <!ENTITY lol "lol">
                 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
                 <!ENTITY xxe SYSTEM "file:///etc/passwd">
                ]>
                <worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id_kunjungan &lol9; &xxe;</t></is></c></row></sheetData></worksheet>
                """);
        expected.put("billion_laughs.xlsx", Expected.rejected(Reason.XML_TOO_COMPLEX));
        xlsx(inbox.resolve("zzzzzz.xlsx"), "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id_kunjungan</t>"
                + "</is></c></row><row r=\"2\"><c r=\"ZZZZZZ2\"><v>1</v></c></row></sheetData></worksheet>");
        expected.put("zzzzzz.xlsx", Expected.rejected(Reason.TOO_MANY_COLUMNS));

        // Not files: never opened.
        Files.createSymbolicLink(inbox.resolve("3404/tautan.csv"), Path.of("/etc/passwd"));
        expected.put("3404/tautan.csv", Expected.rejected(Reason.NOT_A_FILE));
        if (mkfifo(inbox.resolve(FIFO))) {
            expected.put(FIFO, Expected.rejected(Reason.NOT_A_FILE));
        }
        return expected;
    }

    /** A visit row with every column; the name is "Budi" so tests can swap it. */
    public static String visit(String id, String date, String region, String programme, String nik) {
        return String.join(",", id, date, region, "SEKRETARIAT", "DATANG_LANGSUNG", nik, "", "Budi", "", "L", "", "T",
                "KESEHATAN", programme);
    }

    private static void text(Path inbox, String path, String header, String... lines) throws IOException {
        List<String> all = new ArrayList<>();
        if (header != null) {
            all.add(header);
        }
        all.addAll(List.of(lines));
        Files.writeString(inbox.resolve(path), String.join("\n", all) + "\n");
    }

    /** A worksheet of inline strings (what the reader needs; Excel's other parts do not matter to it). */
    public static String sheet(List<List<String>> rows) {
        StringBuilder xml = new StringBuilder("<worksheet><sheetData>");
        for (int r = 0; r < rows.size(); r++) {
            xml.append("<row r=\"").append(r + 1).append("\">");
            for (int c = 0; c < rows.get(r).size(); c++) {
                xml.append("<c r=\"").append((char) ('A' + c)).append(r + 1).append("\" t=\"inlineStr\"><is><t>")
                        .append(rows.get(r).get(c)).append("</t></is></c>");
            }
            xml.append("</row>");
        }
        return xml.append("</sheetData></worksheet>").toString();
    }

    public static void xlsx(Path file, String sheetXml) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(sheetXml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    /** A worksheet of {@code inflated} repeated bytes, deflated as it is written: a few MB on disk, quick. */
    public static void zipBomb(Path file, long inflated) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) ' ');
            zip.write("<worksheet><sheetData>".getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < inflated; written += block.length) {
                zip.write(block);
            }
            zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private static boolean mkfifo(Path path) {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
