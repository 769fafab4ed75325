package id.slrt.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import id.slrt.dashboard.annotations.Annotation;
import id.slrt.dashboard.annotations.AnnotationsService;
import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.testing.SignedIn;
import id.slrt.dashboard.testing.StandardWarehouseTest;
import id.slrt.dashboard.warehouse.Warehouse;

/** The budget report carries the events recorded for its region and years, in every file, within the region. */
@WithMockUser(username = "bappeda-diy", authorities = {"ROLE_PROVINCE", "REGION_34"})
class BudgetReportAnnotationsTest extends StandardWarehouseTest {

    @Autowired
    private Warehouse warehouse;
    @Autowired
    private BudgetReportService service;
    @Autowired
    private AnnotationsService annotations;
    @Autowired
    private Disclosure disclosure;

    @Test
    void aProvincesReportListsItsOwnItsDistrictsAndTheNationsEventsOfItsYearsInEveryFormat() throws Exception {
        String sleman = id.slrt.dashboard.testing.UniqueText.of("Erupsi Merapi, posko pengungsian");
        String formula = id.slrt.dashboard.testing.UniqueText.of("=HYPERLINK(\"http://example.org\")");
        String national = id.slrt.dashboard.testing.UniqueText.of("Kebijakan nasional");
        String elsewhere = id.slrt.dashboard.testing.UniqueText.of("Banjir Cilacap");
        String laterYear = id.slrt.dashboard.testing.UniqueText.of("Puskesos baru 2019");
        annotations.add("3404", YearMonth.of(2018, 11), YearMonth.of(2018, 12), Annotation.Kind.DISASTER, sleman);
        annotations.add("34", YearMonth.of(2018, 3), YearMonth.of(2018, 3), Annotation.Kind.OTHER, formula);
        annotations.add("3402", YearMonth.of(2019, 2), YearMonth.of(2019, 2), Annotation.Kind.NEW_PUSKESOS, laterYear);
        SignedIn.as("nasional", () -> {
            annotations.add("", YearMonth.of(2018, 1), YearMonth.of(2018, 6), Annotation.Kind.POLICY, national);
            annotations.add("3301", YearMonth.of(2018, 5), YearMonth.of(2018, 5), Annotation.Kind.DISASTER, elsewhere);
        }, "ROLE_NATIONAL");

        BudgetReport report = service.report(warehouse.currentSnapshot().orElseThrow(), "34", 2018, 2018);
        assertThat(report.annotations()).extracting(Annotation::text).contains(sleman, formula, national)
                .doesNotContain(elsewhere, laterYear);
        assertThat(BudgetReportFiles.annotationRows(report)).contains(
                List.of("2018-11", "2018-12", "3404", "Bencana", sleman), List.of("2018-01", "2018-06", "nasional",
                        "Perubahan kebijakan", national));

        String csv = new String(BudgetReportFiles.csv(report, disclosure, ','), StandardCharsets.UTF_8);
        assertThat(csv).contains("\r\n\"Catatan peristiwa 2018: ").contains("Dari,Sampai,Wilayah,Jenis,Catatan\r\n")
                .contains("2018-11,2018-12,3404,Bencana,\"" + sleman + "\"").contains(national)
                .as("a user's formula is text").contains("'" + formula.replace("\"", "\"\"")).doesNotContain(elsewhere);

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(BudgetReportFiles.xlsx(report, disclosure)))) {
            var sheet = book.getSheet("Catatan");
            assertThat(sheet).isNotNull();
            List<String> texts = new java.util.ArrayList<>();
            for (int r = 3; r <= sheet.getLastRowNum(); r++) {
                texts.add(sheet.getRow(r).getCell(4).getStringCellValue());
            }
            assertThat(texts).contains(sleman, national, "'" + formula).doesNotContain(elsewhere);
        }
        try (var pdf = Loader.loadPDF(BudgetReportFiles.pdf(report, disclosure))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Catatan peristiwa 2018").contains(sleman).contains(national).doesNotContain(elsewhere);
        }
    }

    @Test
    void aLongNoteIsWrappedBetweenWordsOnThePdfPage() {
        String note = ("kata ").repeat(99) + "akhir";
        List<String> lines = BudgetReportFiles.wrap(note, 110);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(110));
        assertThat(String.join(" ", lines)).isEqualTo(note);
    }
}
