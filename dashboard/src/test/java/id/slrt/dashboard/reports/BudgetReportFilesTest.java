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

/** Suppression of small counts and formula neutralising, on crafted data, in all three files. */
class BudgetReportFilesTest {

    /** A district whose name is a formula, a programme with 3 visits and 2 referrals, another with 120. */
    private static final BudgetReport REPORT = BudgetReportService.assemble("Kab. Uji (9901)", 2018, 2018, "snapshot-x",
            List.of(new BudgetReport.Line("9901", "=HYPERLINK(\"http://x\")", "KIS", 3, 0, null, 2, 1),
                    new BudgetReport.Line("9901", "=HYPERLINK(\"http://x\")", "SKTM", 120, 100, null, 90, 60)),
            Map.of("9901", 4L));

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
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(BudgetReportFiles.xlsx(REPORT)))) {
            Row kis = book.getSheetAt(0).getRow(4);
            assertThat(kis.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(kis.getCell(1).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://x\")");
            assertThat(kis.getCell(3).getStringCellValue()).isEqualTo("<5"); // 3 visits
            assertThat(kis.getCell(7).getStringCellValue()).isEqualTo("<5"); // 2 referrals
            assertThat(kis.getCell(9).getStringCellValue()).isEmpty();       // no rate over suppressed referrals
            Row sktm = book.getSheetAt(0).getRow(5);
            assertThat(sktm.getCell(3).getNumericCellValue()).isEqualTo(120);
            assertThat(sktm.getCell(5).getNumericCellValue()).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
            Row districtTotal = book.getSheetAt(0).getRow(6);
            assertThat(districtTotal.getCell(6).getStringCellValue()).isEqualTo("<5"); // 4 people
            for (Row row : book.getSheetAt(0)) {
                row.forEach(cell -> assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA));
            }
        }
    }

    @Test
    void csvIsUtf8WithBomNeutralisedAndSuppressedInBothDelimiters() {
        String comma = new String(BudgetReportFiles.csv(REPORT, ','), StandardCharsets.UTF_8);
        assertThat(comma).startsWith("\uFEFF");
        assertThat(comma.lines().toList().get(2)).isEqualTo("9901,\"'=HYPERLINK(\"\"http://x\"\")\",KIS,<5,0,,,<5,<5,");
        String semicolon = new String(BudgetReportFiles.csv(REPORT, ';'), StandardCharsets.UTF_8);
        assertThat(semicolon.lines().toList().get(3)).isEqualTo("9901;\"'=HYPERLINK(\"\"http://x\"\")\";SKTM;120;100;0,2000;;90;60;0,6667");
    }

    @Test
    void pdfIsA4LandscapeWithTheTitleAndSuppressedCounts() throws Exception {
        try (var document = Loader.loadPDF(BudgetReportFiles.pdf(REPORT))) {
            var box = document.getPage(0).getMediaBox();
            assertThat(Math.round(box.getWidth())).isEqualTo(842);
            assertThat(Math.round(box.getHeight())).isEqualTo(595);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Laporan SLRT untuk perencanaan anggaran: Kab. Uji (9901), 2018").contains("<5")
                    .contains("Kabupaten/Kota").contains("Penyelesaian");
        }
    }
}
