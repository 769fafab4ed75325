package id.slrt.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.router.QueryParameters;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.outlook.OutlookService;
import id.slrt.dashboard.security.AccessDenied;
import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.StandardWarehouseTest;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The budget report's projection: the region's twelve forecast months summed from {@link OutlookService}'s
 * own forecasts (summed here), on the screen and in every download, within the user's region.
 */
@WithMockUser(username = "bappeda-diy", authorities = {"ROLE_PROVINCE", "REGION_34"})
class BudgetProjectionTest extends StandardWarehouseTest {

    private static final Locale INDONESIAN = Locale.of("id", "ID");

    @Autowired
    private Warehouse warehouse;
    @Autowired
    private OutlookService outlook;
    @Autowired
    private BudgetReportService service;
    @Autowired
    private BudgetDownloads downloads;
    @Autowired
    private Disclosure disclosure;

    @Test
    void theProvincesProjectionIsTheSumOfItsDistrictsForecastMonthsWithTheSummedBounds() {
        Map<String, double[]> expected = sums(Filters.NONE.withProvince("34"));
        assertThat(expected).isNotEmpty();

        BudgetReport report = service.report(snapshot(), null, 2019, 2019);

        assertThat(report.regionLabel()).contains("Yogyakarta");
        assertThat(report.projection().from()).isEqualTo(latest().plusMonths(1));
        assertThat(report.projection().to()).isEqualTo(latest().plusMonths(12));
        assertProjection(report, expected);
    }

    @Test
    @WithMockUser(username = "kadis-bantul", authorities = {"ROLE_DISTRICT", "REGION_3402"})
    void aDistrictUsersProjectionHoldsOnlyTheirDistrict() {
        Map<String, double[]> expected = sums(Filters.NONE.withDistrict("3402"));
        assertThat(expected).isNotEmpty();

        assertProjection(service.report(snapshot(), null, 2019, 2019), expected);
        // Their province asked for is narrowed to their district; another district is refused.
        assertProjection(service.report(snapshot(), "34", 2019, 2019), expected);
        assertThatThrownBy(() -> service.report(snapshot(), "3404", 2019, 2019)).isInstanceOf(AccessDenied.class);
    }

    @Test
    void aProvincialUserIsRefusedAnotherProvincesProjection() {
        assertThatThrownBy(() -> service.report(snapshot(), "35", 2019, 2019)).isInstanceOf(AccessDenied.class);
    }

    @Test
    void theReportScreenShowsTheProjectionInASecondTable() {
        Map<String, double[]> expected = sums(Filters.NONE.withProvince("34"));
        UI.getCurrent().navigate(ReportView.class, QueryParameters.fromString("wilayah=34&tahun=2019"));

        assertThat($(H3.class).id("projection-title").getText()).isEqualTo("Proyeksi " + latest().plusMonths(1).getYear());
        @SuppressWarnings("unchecked")
        Grid<List<Object>> grid = $(Grid.class).id("projection-grid");
        assertThat(test(grid).size()).isEqualTo(expected.size());
        boolean all = false;
        for (int row = 0; row < test(grid).size(); row++) {
            if (test(grid).getCellText(row, 1).equals("Semua program")) {
                all = true;
                double[] sum = expected.get("visits/");
                assertThat(test(grid).getCellText(row, 0)).isEqualTo("Kunjungan");
                assertThat(test(grid).getCellText(row, 2)).isEqualTo(indonesian(sum[0]));
                assertThat(test(grid).getCellText(row, 3)).isEqualTo(indonesian(sum[1]));
                assertThat(test(grid).getCellText(row, 4)).isEqualTo(indonesian(sum[2]));
            }
        }
        assertThat(all).as("a line for visits in all programmes").isTrue();
    }

    @Test
    void everyDownloadCarriesTheProjection() throws Exception {
        Map<String, double[]> expected = sums(Filters.NONE.withProvince("34"));
        BudgetReport report = service.report(snapshot(), "34", 2019, 2019);
        double[] visits = expected.get("visits/");
        double[] referrals = expected.get("referrals/");
        String year = String.valueOf(latest().plusMonths(1).getYear());

        List<String> csv = new String(BudgetReportFiles.csv(report, disclosure, ','), StandardCharsets.UTF_8).lines().toList();
        int section = csv.indexOf("");
        assertThat(section).as("a blank line before the projection").isPositive();
        assertThat(csv.get(section + 1)).startsWith("\"Proyeksi " + year + ":");
        assertThat(csv).contains("Kunjungan,Semua program," + Math.round(visits[0]) + "," + Math.round(visits[1]) + ","
                + Math.round(visits[2]));
        assertThat(csv).contains("Rujukan dibuat,," + Math.round(referrals[0]) + "," + Math.round(referrals[1]) + ","
                + Math.round(referrals[2]));

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(BudgetReportFiles.xlsx(report, disclosure)))) {
            Sheet sheet = book.getSheet("Proyeksi");
            assertThat(sheet).isNotNull();
            boolean found = false;
            for (Row row : sheet) {
                if (row.getRowNum() >= 4 && row.getCell(1).getStringCellValue().equals("Semua program")) {
                    found = true;
                    assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(Math.round(visits[0]));
                    assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(Math.round(visits[1]));
                    assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(Math.round(visits[2]));
                }
            }
            assertThat(found).as("the all-programmes line in the sheet").isTrue();
        }

        try (var pdf = Loader.loadPDF(BudgetReportFiles.pdf(report, disclosure))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Proyeksi " + year).contains(indonesian(visits[0])).contains(indonesian(referrals[2]));
        }

        Object json = downloads.download(BudgetDownloads.Request.of("34", 2019, null, "json", null), "test").getBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> projection = (Map<String, Object>) ((Map<String, Object>) json).get("projection");
        assertThat(projection.get("rows").toString()).contains("Semua program, " + Math.round(visits[0]) + ", "
                + Math.round(visits[1]) + ", " + Math.round(visits[2]));
    }

    /** Compares the report's projection with the sums taken here, line by line. */
    private static void assertProjection(BudgetReport report, Map<String, double[]> expected) {
        assertThat(report.projection().lines()).hasSize(expected.size());
        for (BudgetReport.Projected p : report.projection().lines()) {
            double[] sum = expected.get(p.measure() + "/" + (p.programme() == null ? "" : p.programme()));
            assertThat(sum).as(p.measure() + " " + p.programme()).isNotNull();
            assertThat(p.expected()).isCloseTo(sum[0], within(1e-6));
            assertThat(p.low()).isCloseTo(sum[1], within(1e-6));
            assertThat(p.high()).isCloseTo(sum[2], within(1e-6));
        }
    }

    /** The outlook's forecasts of the region summed by measure and programme: expected, low, high. */
    private Map<String, double[]> sums(Filters region) {
        Map<String, double[]> sums = new TreeMap<>();
        for (OutlookService.Outlook o : outlook.forecasts(snapshot(), region, latest())) {
            assertThat(o.month()).isBetween(latest().plusMonths(1), latest().plusMonths(12));
            double[] sum = sums.computeIfAbsent(o.measure() + "/" + (o.programme() == null ? "" : o.programme()),
                    k -> new double[3]);
            sum[0] += o.expected();
            sum[1] += o.low();
            sum[2] += o.high();
        }
        return sums;
    }

    private Snapshot snapshot() {
        return warehouse.currentSnapshot().orElseThrow();
    }

    /** The snapshot's last month, by plain SQL. */
    private static YearMonth latest() {
        long t = Oracle.number(SharedWarehouse.standard(), "SELECT max(year * 12 + month - 1) FROM {visits_monthly}");
        return YearMonth.of((int) (t / 12), (int) (t % 12) + 1);
    }

    private static String indonesian(double value) {
        return NumberFormat.getIntegerInstance(INDONESIAN).format(Math.round(value));
    }
}
