package id.slrt.etl;

import id.slrt.etl.runs.RunJournal;
import id.slrt.etl.staging.RawText;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data never leaves the ETL's state folder. People with NIK, No. KK, name and birth date made up
 * for this test (random, so nothing else can hold them) go through every path: accepted rows, quarantined
 * rows (bad date, unknown region, duplicate, a referral's free text, an Excel row), a file missing required
 * columns, rejected files, and a failed run. Then every value of every Parquet file of the warehouse, every
 * other file in it, the command line's output, the log output and the run journal are searched for them.
 * The same search finds them in the state folder's raw text, so it does find what it looks for.
 */
class PrivacyTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<DateTimeFormatter> DATE_FORMATS = Stream.of("uuuu-MM-dd", "dd/MM/uuuu", "dd-MM-uuuu",
            "d/M/uuuu", "dd.MM.uuuu", "uuuuMMdd", "d MMM uuuu").map(p -> DateTimeFormatter.ofPattern(p, Locale.ROOT)).toList();

    /** A made-up person; the surname is random letters, so a name match is this test's person. */
    record Person(String nik, String kk, String name, LocalDate born) {
        static Person random() {
            StringBuilder surname = new StringBuilder("Xq");
            for (int i = 0; i < 7; i++) {
                surname.append((char) ('a' + RANDOM.nextInt(26)));
            }
            return new Person(digits("34"), digits("35"), "Sri " + surname, LocalDate.of(1931 + RANDOM.nextInt(25),
                    1 + RANDOM.nextInt(12), 1 + RANDOM.nextInt(28)));
        }

        private static String digits(String prefix) {
            StringBuilder s = new StringBuilder(prefix);
            while (s.length() < 16) {
                s.append(RANDOM.nextInt(10));
            }
            return s.toString();
        }

        String surname() {
            return name.substring(name.indexOf(' ') + 1);
        }

        /** Which of this person's values the text holds: NIK and No. KK also with separators, any case, dates in any format. */
        List<String> foundIn(String text) {
            List<String> found = new ArrayList<>();
            if (number(nik).matcher(text).find()) {
                found.add("NIK " + nik);
            }
            if (number(kk).matcher(text).find()) {
                found.add("No. KK " + kk);
            }
            if (text.toLowerCase(Locale.ROOT).contains(surname().toLowerCase(Locale.ROOT))) {
                found.add("name " + name);
            }
            for (DateTimeFormatter f : DATE_FORMATS) {
                if (text.contains(f.format(born))) {
                    found.add("birth date " + f.format(born));
                }
            }
            return found;
        }

        private static Pattern number(String digits) {
            return Pattern.compile(digits.chars().mapToObj(c -> String.valueOf((char) c))
                    .collect(Collectors.joining("[\\s.\\-/]*")));
        }
    }

    @TempDir
    static Path dir;
    static final Map<String, Person> people = new LinkedHashMap<>();
    /** People only in files that are rejected whole (the readers' rewrite keeps their lines out of the detail). */
    static final Map<String, Person> inRejectedFiles = new LinkedHashMap<>();
    static final ByteArrayOutputStream cli = new ByteArrayOutputStream();
    static final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    static final List<Integer> exitCodes = new ArrayList<>();
    static String quarantineCommand;

    @BeforeAll
    static void sendEveryKindOfRowThroughTheEtl() throws IOException {
        for (String key : List.of("accepted", "acceptedWithSeparators", "badDate", "unknownRegion", "duplicate",
                "referralAccepted", "referralQuarantined", "xlsxAccepted", "xlsxQuarantined", "missingColumns",
                "failedRun")) {
            people.put(key, Person.random());
        }
        for (String key : List.of("noHeader", "brokenXlsx")) {
            inRejectedFiles.put(key, Person.random());
        }
        Path inbox = dir.resolve("inbox");
        Person a = people.get("accepted");
        Person s = people.get("acceptedWithSeparators");
        Person d = people.get("badDate");
        Person r = people.get("unknownRegion");
        TestExports.writeVisits(inbox.resolve("3404/kunjungan_2018-06.csv"), List.of(
                visit("P-1", "2018-06-04", "3404012001", a.nik, a.kk, a.name, iso(a.born)),
                visit("P-2", "2018-06-05", "3404012001", spaced(s.nik), s.kk.substring(0, 8) + "-" + s.kk.substring(8),
                        s.name.toUpperCase(Locale.ROOT), DATE_FORMATS.get(1).format(s.born)),
                visit("P-3", "2018-02-30", "3404012001", d.nik, d.kk, d.name, DATE_FORMATS.get(2).format(d.born)),
                visit("P-4", "2018-06-06", "9999012001", r.nik, r.kk, r.name, iso(r.born))));
        Person dup = people.get("duplicate");
        TestExports.writeVisits(inbox.resolve("3404/kunjungan_2018-06_lagi.csv"), List.of(
                visit("P-1", "2018-06-04", "3404012001", dup.nik, dup.kk, dup.name, iso(dup.born))));
        Person ra = people.get("referralAccepted");
        Person rq = people.get("referralQuarantined");
        Files.writeString(inbox.resolve("3404/rujukan_2018-06.csv"),
                "id_rujukan,id_kunjungan,tanggal_rujukan,instansi_tujuan,program,status,tanggal_status,alasan\n"
                        + "RP-1,P-2,2018-06-06,DINKES,KIS,DIRUJUK,2018-06-06," + freeText(ra) + "\n"
                        + "RP-2,P-2,2018-06-07,DINKES,KIS,BELUM_TAHU,2018-06-07," + freeText(rq) + "\n");
        writeXlsx(inbox.resolve("3404/kunjungan_excel.xlsx"), people.get("xlsxAccepted"), people.get("xlsxQuarantined"));
        Person m = people.get("missingColumns");
        Files.writeString(inbox.resolve("kunjungan_sebagian.csv"), "id_kunjungan,nik,no_kk,nama,tanggal_lahir\n"
                + "P-9," + m.nik + "," + m.kk + "," + m.name + "," + iso(m.born) + "\n");
        // Rejected whole: a file without its header line, and a damaged Excel file whose cell holds a NIK.
        Person n = inRejectedFiles.get("noHeader");
        Files.writeString(inbox.resolve("kunjungan_tanpa_judul.csv"),
                visit("P-10", "2018-06-04", "3404012001", n.nik, n.kk, n.name, iso(n.born)) + "\n");
        writeBrokenXlsx(inbox.resolve("kunjungan_rusak.xlsx"), inRejectedFiles.get("brokenXlsx"));

        // A run that fails after staging rows of its own (its warehouse is a file, so no snapshot can be made).
        Path failingInbox = dir.resolve("failing-inbox");
        Person f = people.get("failedRun");
        TestExports.writeVisits(failingInbox.resolve("kunjungan.csv"), List.of(
                visit("F-1", "2018-06-04", "3404012001", f.nik, f.kk, f.name, iso(f.born)),
                visit("F-2", "2018-13-04", "3404012001", f.nik, f.kk, f.name, iso(f.born))));
        Files.writeString(dir.resolve("not-a-folder"), "");

        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream captured = new PrintStream(logs, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);
        try {
            etl("--inbox", inbox.toString(), "--warehouse", dir.resolve("warehouse").toString());
            etl("--inbox", failingInbox.toString(), "--warehouse", dir.resolve("not-a-folder").toString());
            // Publishes the journal, with the failed run's message, in the runs table.
            etl("--inbox", inbox.toString(), "--warehouse", dir.resolve("warehouse").toString(), "--force", "true");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        EtlMain.run(new String[]{"quarantine", "--warehouse", dir.resolve("warehouse").toString(), "--state",
                dir.resolve("state").toString(), "--master", "local[2]"}, new PrintStream(report, true, StandardCharsets.UTF_8),
                new PrintStream(report, true, StandardCharsets.UTF_8));
        quarantineCommand = report.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theRunsDidWhatThePathsNeed() {
        assertThat(exitCodes).containsExactly(0, 1, 0);
        String output = cli.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("ETL failed").contains("rejected kunjungan_sebagian.csv: MISSING_COLUMNS")
                .contains("rejected kunjungan_tanpa_judul.csv: UNKNOWN_KIND")
                // Its cells name a shared string that does not exist (the NIK as index): they read as empty,
                // so the sheet has no header; the index is never quoted.
                .contains("rejected kunjungan_rusak.xlsx: UNKNOWN_KIND (no header: the first line has 2 fields")
                .contains("quarantined BAD_DATE").contains("quarantined UNKNOWN_REGION")
                .contains("quarantined DUPLICATE").contains("quarantined UNKNOWN_CODE");
        assertThat(new RunJournal(dir.resolve("state")).runs(null)).extracting(RunJournal.Run::status)
                .containsExactly("SUCCEEDED", "FAILED", "SUCCEEDED");
    }

    @Test
    void theStateFolderKeepsTheRawTextOfQuarantinedRowsSoTheSearchFindsWhatItLooksFor() {
        String raw = String.join("\n", text(Stream.of(dir.resolve("state").resolve(RawText.RAW))));
        for (String key : List.of("badDate", "unknownRegion", "referralQuarantined", "xlsxQuarantined")) {
            assertThat(people.get(key).foundIn(raw)).as(key).isNotEmpty();
            assertThat(people.get(key).foundIn(quarantineCommand)).as(key).isNotEmpty();
        }
        Person d = people.get("badDate");
        assertThat(d.foundIn(raw)).containsExactlyInAnyOrder("NIK " + d.nik, "No. KK " + d.kk, "name " + d.name,
                "birth date " + DATE_FORMATS.get(2).format(d.born));
        // Accepted rows keep no raw text, even in the state.
        assertThat(people.get("accepted").foundIn(raw)).isEmpty();
    }

    @Test
    void noPersonalValueOfAnyRowReachesTheWarehouseTheOutputTheLogsOrTheJournal() {
        assertThat(leaks(people)).isEmpty();
    }

    /**
     * KNOWN TO FAIL until the readers' rewrite is merged: ExportReader puts a header-less file's first line
     * into the rejected file's detail, and XlsxReader a damaged cell's text (via NumberFormatException's
     * message); both reach the files table and the command line.
     */
    @Test
    void noPersonalValueOfARejectedFileReachesTheWarehouseTheOutputTheLogsOrTheJournal() {
        assertThat(leaks(inRejectedFiles)).isEmpty();
    }

    /** Every value of these people found outside the state, as "person's values in where: [values]". */
    private static List<String> leaks(Map<String, Person> who) {
        List<String> leaks = new ArrayList<>();
        Map<String, String> outside = outsideTheState();
        who.forEach((key, person) -> outside.forEach((where, text) -> {
            List<String> found = person.foundIn(text);
            if (!found.isEmpty()) {
                leaks.add(key + "'s values in " + where + ": " + found);
            }
        }));
        return leaks;
    }

    /** Everything the ETL wrote or said outside its state folder, by where it is. */
    private static Map<String, String> outsideTheState() {
        Map<String, String> outside = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir.resolve("warehouse"))) {
            List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
            assertThat(all).anyMatch(p -> p.toString().endsWith(".parquet"));
            for (Path p : all) {
                outside.put(dir.relativize(p).toString(), String.join("\n", text(Stream.of(p))));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        outside.put("the command line's output", cli.toString(StandardCharsets.UTF_8));
        outside.put("the log output", logs.toString(StandardCharsets.UTF_8));
        try {
            outside.put("the run journal", Files.readString(dir.resolve("state").resolve(RunJournal.FILE)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(outside.get("the run journal")).contains("FAILED");
        return outside;
    }

    /** Every value of every Parquet file (DuckDB, as text), and other files as they are (.crc are checksums). */
    private static List<String> text(Stream<Path> roots) {
        List<String> text = new ArrayList<>();
        roots.forEach(root -> {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".parquet")) {
                        new TestWarehouse(p.getParent()).rows("SELECT * FROM read_parquet('" + p + "', hive_partitioning = false)")
                                .forEach(row -> text.add(row.stream().map(String::valueOf).collect(Collectors.joining("\t"))));
                    } else if (!name.endsWith(".crc")) {
                        text.add(Files.readString(p, StandardCharsets.ISO_8859_1));
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return text;
    }

    private static void etl(String... args) {
        List<String> all = new ArrayList<>(List.of("etl", "--state", dir.resolve("state").toString(), "--reference",
                TestExports.REFERENCE.toString(), "--master", "local[2]"));
        all.addAll(List.of(args));
        PrintStream to = new PrintStream(cli, true, StandardCharsets.UTF_8);
        exitCodes.add(EtlMain.run(all.toArray(String[]::new), to, to));
    }

    private static String visit(String id, String date, String region, String nik, String kk, String name, String born) {
        return String.join(",", id, date, region, "SEKRETARIAT", "DATANG_LANGSUNG", nik, kk, name, "", "P", born, "T",
                "KESEHATAN", "KIS");
    }

    private static String iso(LocalDate date) {
        return DATE_FORMATS.get(0).format(date);
    }

    private static String spaced(String nik) {
        return nik.substring(0, 4) + " " + nik.substring(4, 8) + " " + nik.substring(8, 12) + " " + nik.substring(12);
    }

    /** An operator's note naming the person: the alasan column is free text. */
    private static String freeText(Person p) {
        return "ibu " + p.name + " NIK " + p.nik + " KK " + p.kk + " lahir " + DATE_FORMATS.get(1).format(p.born);
    }

    private static void writeXlsx(Path file, Person accepted, Person quarantined) throws IOException {
        Files.createDirectories(file.getParent());
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            var sheet = book.createSheet("Kunjungan");
            List<String> columns = id.slrt.etl.visits.VisitExport.COLUMNS;
            var header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                header.createCell(i).setCellValue(columns.get(i));
            }
            String[][] rows = {
                    visit("PX-1", "2018-06-08", "3404012001", accepted.nik, accepted.kk, accepted.name, iso(accepted.born)).split(","),
                    visit("PX-2", "2018-06-31", "3404012001", quarantined.nik, quarantined.kk, quarantined.name,
                            iso(quarantined.born)).split(",")};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r + 1);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            book.write(out);
        }
    }

    /** A damaged Excel file: a shared-string cell whose index is a NIK (the reader parses it as a number). */
    private static void writeBrokenXlsx(Path file, Person p) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>" + p.nik + "</v></c>"
                    + "<c r=\"B1\" t=\"inlineStr\"><is><t>" + p.name + "</t></is></c></row></sheetData></worksheet>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
