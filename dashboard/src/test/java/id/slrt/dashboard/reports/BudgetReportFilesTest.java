package id.slrt.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.testing.BudgetAttacks;

/**
 * The disclosure policy and formula neutralising, on crafted data whose every count the test knows, in
 * all three files read back (POI, the CSV text, PDFBox), and the attacks on them ({@link BudgetAttacks}).
 */
class BudgetReportFilesTest {

    /** A district whose name is a formula, a programme with 3 visits and 2 referrals, another with 120. */
    private static final BudgetReport REPORT = BudgetReportService.assemble("Kab. Uji (9901)", 2018, 2018, "snapshot-x",
            List.of(new BudgetReport.Line("9901", "=HYPERLINK(\"http://x\")", "KIS", 3, 0, null, 2, 1),
                    new BudgetReport.Line("9901", "=HYPERLINK(\"http://x\")", "SKTM", 120, 100, null, 90, 60)),
            Map.of("9901", 4L));

    private static final Disclosure POLICY = Disclosure.standard();

    @Test
    void totalsAddUpAndKeepThePeopleOfTheDistrict() {
        BudgetReport.Line district = REPORT.lines().get(2);
        assertThat(district.isTotal()).isTrue();
        assertThat(district.visits()).isEqualTo(123);
        assertThat(district.people()).isEqualTo(4);
        assertThat(REPORT.total().referred()).isEqualTo(92);
    }

    @Test
    void xlsxHasNumberCellsSuppressedSmallCountsAndNoFormula() throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(BudgetReportFiles.xlsx(REPORT, POLICY)))) {
            Row kis = book.getSheetAt(0).getRow(4);
            assertThat(kis.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(kis.getCell(1).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://x\")");
            assertThat(kis.getCell(3).getStringCellValue()).isEqualTo("<5"); // 3 visits
            assertThat(kis.getCell(7).getStringCellValue()).isEqualTo("<5"); // 2 referrals
            assertThat(kis.getCell(9).getStringCellValue()).isEmpty();       // no rate over suppressed referrals
            // SKTM's 120 visits beside the district's 123 gave the 3 back: hidden too ("x"), and its change with it.
            Row sktm = book.getSheetAt(0).getRow(5);
            assertThat(sktm.getCell(3).getStringCellValue()).isEqualTo(Disclosure.HIDDEN);
            assertThat(sktm.getCell(4).getNumericCellValue()).isEqualTo(100);
            assertThat(sktm.getCell(5).getStringCellValue()).isEmpty();
            Row districtTotal = book.getSheetAt(0).getRow(6);
            assertThat(districtTotal.getCell(3).getNumericCellValue()).isEqualTo(123);
            assertThat(districtTotal.getCell(5).getNumericCellValue()).isEqualTo(0.23, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(districtTotal.getCell(6).getStringCellValue()).isEqualTo("<5"); // 4 people
            for (Row row : book.getSheetAt(0)) {
                row.forEach(cell -> assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA));
            }
        }
    }

    @Test
    void csvIsUtf8WithBomNeutralisedAndSuppressedInBothDelimiters() {
        String comma = new String(BudgetReportFiles.csv(REPORT, POLICY, ','), StandardCharsets.UTF_8);
        assertThat(comma).startsWith("\uFEFF");
        assertThat(comma.lines().toList().get(2)).isEqualTo("9901,\"'=HYPERLINK(\"\"http://x\"\")\",KIS,<5,0,,,<5,<5,");
        String semicolon = new String(BudgetReportFiles.csv(REPORT, POLICY, ';'), StandardCharsets.UTF_8);
        // The programme beside a hidden one is hidden too ("x"): the district's total minus it would give the small count.
        assertThat(semicolon.lines().toList().get(3)).isEqualTo("9901;\"'=HYPERLINK(\"\"http://x\"\")\";SKTM;x;100;;;x;x;");
        assertThat(semicolon.lines().toList().get(4)).isEqualTo("9901;\"'=HYPERLINK(\"\"http://x\"\")\";Total;123;100;0,2300;<5;92;61;0,6630");
    }

    @Test
    void pdfIsA4LandscapeWithTheTitleAndSuppressedCounts() throws Exception {
        try (var document = Loader.loadPDF(BudgetReportFiles.pdf(REPORT, POLICY))) {
            var box = document.getPage(0).getMediaBox();
            assertThat(Math.round(box.getWidth())).isEqualTo(842);
            assertThat(Math.round(box.getHeight())).isEqualTo(595);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Laporan SLRT untuk perencanaan anggaran: Kab. Uji (9901), 2018").contains("<5")
                    .contains("Kabupaten/Kota").contains("Penyelesaian");
        }
    }

    /**
     * Three districts with small counts where the attacks bite: "Rujukan 5, Selesai <5" (the rate would give
     * 4 back), a small programme beside a large one (the total would), a district of small counts in the
     * region's total (the region's total would).
     */
    private static final BudgetReport ATTACKED = BudgetReportService.assemble("Provinsi Uji (99)", 2018, 2018, "snapshot-x",
            List.of(new BudgetReport.Line("9901", "Kab. Uji Satu", "KIS", 3, 7, null, 0, 0),
                    new BudgetReport.Line("9901", "Kab. Uji Satu", "PKH", 60, 50, null, 30, 29),
                    new BudgetReport.Line("9901", "Kab. Uji Satu", "SKTM", 120, 100, null, 5, 4),
                    new BudgetReport.Line("9902", "Kab. Uji Dua", "KIS", 200, 190, null, 100, 96),
                    new BudgetReport.Line("9902", "Kab. Uji Dua", "PKH", 2, 0, null, 0, 0),
                    new BudgetReport.Line("9903", "Kab. Uji Tiga", "RTLH", 7, 6, null, 6, 5)),
            Map.of("9901", 150L, "9902", 3L, "9903", 6L));

    @Test
    void noFileShowsACountUnderFiveOrLetsOneBeWorkedOutFromATotalOrARate() throws Exception {
        List<List<Object>> fromXlsx = new java.util.ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(BudgetReportFiles.xlsx(ATTACKED, POLICY)))) {
            for (Row row : book.getSheetAt(0)) {
                if (row.getRowNum() > 3) {
                    List<Object> cells = new java.util.ArrayList<>();
                    row.forEach(cell -> cells.add(cell.getCellType() == CellType.NUMERIC
                            ? (cell.getColumnIndex() == 5 || cell.getColumnIndex() == 9 ? (Object) cell.getNumericCellValue()
                            : (Object) (long) cell.getNumericCellValue()) : cell.getStringCellValue()));
                    fromXlsx.add(cells);
                }
            }
        }
        long hidden = BudgetAttacks.assertNothingRecoverable(fromXlsx);
        // Every small count of the data is hidden (3 visits, 4 completed, 2 visits, 3 people), and more beside them.
        assertThat(fromXlsx.stream().flatMap(List::stream).filter("<5"::equals).count()).isEqualTo(smallCounts(ATTACKED));
        assertThat(hidden).isGreaterThan(smallCounts(ATTACKED));
        // The rate over "Rujukan 5, Selesai <5": empty, not 80 %.
        assertThat(fromXlsx.get(2)).containsSequence(5L, "<5", "");

        for (char delimiter : new char[] {',', ';'}) {
            List<List<Object>> fromCsv = new String(BudgetReportFiles.csv(ATTACKED, POLICY, delimiter), StandardCharsets.UTF_8)
                    .lines().skip(2).map(l -> BudgetAttacks.csvCells(List.of(l.split(String.valueOf(delimiter), -1)))).toList();
            assertThat(BudgetAttacks.assertNothingRecoverable(fromCsv)).isEqualTo(hidden);
            assertThat(rounded(fromCsv)).isEqualTo(rounded(fromXlsx)); // the CSV's shares have four decimals
        }

        try (var document = Loader.loadPDF(BudgetReportFiles.pdf(ATTACKED, POLICY))) {
            List<String> tokens = new PDFTextStripper().getText(document).lines()
                    .filter(l -> l.startsWith("99") || l.startsWith("Total"))
                    .flatMap(l -> java.util.Arrays.stream(l.split("\\s+"))).toList();
            assertThat(tokens).noneMatch(t -> t.matches("[1-4]"));
            assertThat(tokens.stream().filter(t -> t.equals("<5") || t.equals("x")).count()).isEqualTo(hidden);
        }
    }

    private static List<List<Object>> rounded(List<List<Object>> rows) {
        return rows.stream().map(r -> r.stream().map(c -> c instanceof Double d ? (Object) String.format(java.util.Locale.ROOT, "%.4f", d) : c)
                .toList()).toList();
    }

    private static long smallCounts(BudgetReport report) {
        List<BudgetReport.Line> lines = new java.util.ArrayList<>(report.lines());
        lines.add(report.total());
        return lines.stream().flatMap(l -> java.util.stream.Stream.of(l.visits(), l.visitsYearBefore(), l.people(), l.referred(),
                l.completed())).filter(n -> n != null && n > 0 && n < 5).count();
    }
}
