package id.slrt.dashboard.national;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;

import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.StandardWarehouseTest;
import id.slrt.dashboard.visits.MonthlyVisitsView;

/** The directors' view over the fixture warehouse, server-side. */
class NationalViewTest extends StandardWarehouseTest {

    private static final Locale INDONESIAN = Locale.of("id", "ID");
    private static final NumberFormat ID = NumberFormat.getIntegerInstance(INDONESIAN);


    @Test
    void totalsAndChangeOnTheYearBeforeMatchTheWarehouse() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12"));

        long visits = Oracle.number(SharedWarehouse.standard(), "SELECT sum(visits) FROM {visits_monthly} WHERE year = 2018");
        long before = Oracle.number(SharedWarehouse.standard(), "SELECT sum(visits) FROM {visits_monthly} WHERE year = 2017");
        long referred = Oracle.number(SharedWarehouse.standard(), "SELECT sum(referred) FROM {referrals_monthly} WHERE year = 2018");
        assertThat(text("kpi-visits-value")).isEqualTo(ID.format(visits));
        assertThat(text("kpi-visits-note")).startsWith(
                String.format(INDONESIAN, "+%.1f%%", 100.0 * (visits - before) / before));
        assertThat(text("kpi-referrals-value")).isEqualTo(ID.format(referred));
        assertThat(text("kpi-districts-value")).isEqualTo("2");
        Chart monthly = $(Chart.class).id("national-chart");
        assertThat(monthly.getConfiguration().getxAxis().getCategories()).hasSize(12).startsWith("Jan 2018");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRankingCountsEachRegionsAlertsOfThePeriod() {
        // Sleman and Kota Yogyakarta (province 34) exported every month of 2018 and nothing in 2019.
        open(Map.of("dari", "2019-01", "sampai", "2019-12"));
        Grid<NationalService.Ranked> grid = $(Grid.class).id("ranking-grid");
        int alertsColumn = grid.getColumns().size() - 1;
        assertThat(grid.getColumns().get(alertsColumn).getHeaderText()).isEqualTo("Peringatan");
        long silentMonths = 24;
        for (int row = 0; row < test(grid).size(); row++) {
            if (test(grid).getCellText(row, 0).equals("DI Yogyakarta")) {
                assertThat(Long.parseLong(test(grid).getCellText(row, alertsColumn))).isGreaterThanOrEqualTo(silentMonths);
                return;
            }
        }
        throw new AssertionError("DI Yogyakarta not in the 2019 ranking");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRankingDrillsFromProvinceToDistrictsToTheDistrictPage() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12"));
        Grid<NationalService.Ranked> grid = $(Grid.class).id("ranking-grid");
        assertThat(test(grid).size()).isEqualTo(1);
        assertThat(test(grid).getCellText(0, 0)).isEqualTo("DI Yogyakarta");

        test(grid).clickRow(0);
        assertThat(location()).contains("provinsi=34");
        Grid<NationalService.Ranked> districts = $(Grid.class).id("ranking-grid");
        assertThat(test(districts).size()).isEqualTo(2);
        assertThat(test(districts).getCellText(0, 0)).isEqualTo("Kab. Sleman");
        assertThat(test(districts).getCellText(0, 1)).isEqualTo(ID.format(Oracle.number(SharedWarehouse.standard(),
                "SELECT sum(visits) FROM {visits_monthly} WHERE year = 2018 AND district_code = '3404'")));

        test(districts).clickRow(0);
        assertThat(location()).startsWith("kabupaten").contains("kabupaten=3404");
        assertThat($(MonthlyVisitsView.class).single()).isNotNull();
    }

    @Test
    void missingFiltersAreFilledInAndPutInTheUrl() {
        open(Map.of());

        // The last month with visits in the fixture is December 2019 (Bantul); twelve months back.
        assertThat(location()).contains("dari=2019-01").contains("sampai=2019-12");
    }

    @Test
    void oldHomeLinksStillOpenTheDistrictPage() {
        open(Map.of("kabupaten", "3404", "tahun", "2018"));

        assertThat($(MonthlyVisitsView.class).single()).isNotNull();
        assertThat($(com.vaadin.flow.component.html.Paragraph.class).id("peak-text").getText())
                .isEqualTo("Puncak: Juni, 3.416 kunjungan");
    }

    @Test
    void aPeriodWithoutDataSaysSo() {
        open(Map.of("dari", "2016-01", "sampai", "2016-06"));

        assertThat($(Div.class).id("empty-state").getText())
                .isEqualTo("Tidak ada data untuk Nasional, Januari 2016 – Juni 2016. Ubah periode, wilayah atau program.");
    }

    private String text(String id) {
        return $(Span.class).id(id).getText();
    }

    private static String location() {
        return UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters();
    }

    private static void open(Map<String, String> query) {
        UI.getCurrent().navigate(NationalView.class, QueryParameters.simple(query));
    }
}
