package id.slrt.dashboard.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;

import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.StandardWarehouseTest;

/** The data-quality view over the fixture warehouse, server-side. */
class QualityViewTest extends StandardWarehouseTest {

    private static final Locale INDONESIAN = Locale.of("id", "ID");
    private static final NumberFormat ID = NumberFormat.getIntegerInstance(INDONESIAN);


    @Test
    @SuppressWarnings("unchecked")
    void quarantineAndSharesMatchTheWarehouse() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12"));

        long quarantined = Oracle.number(SharedWarehouse.standard(), "SELECT sum(rows) FROM {quarantine_monthly} WHERE year = 2018");
        long visits = Oracle.number(SharedWarehouse.standard(), "SELECT sum(visits) FROM {quality_monthly} WHERE year = 2018");
        long withoutNik = Oracle.number(SharedWarehouse.standard(), "SELECT sum(visits_without_nik) FROM {quality_monthly} WHERE year = 2018");
        assertThat(text("kpi-quarantined-value")).isEqualTo(ID.format(quarantined));
        assertThat(text("kpi-without-nik-value")).isEqualTo(String.format(INDONESIAN, "%.1f%%", 100.0 * withoutNik / visits));
        Grid<QualityService.District> districts = $(Grid.class).id("quality-grid");
        assertThat(test(districts).size()).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void districtsWithoutAnExportInTheLatestMonthAreListed() {
        open(Map.of());

        // Bantul exported until December 2019; Sleman and Kota Yogyakarta stopped after December 2018.
        Grid<QualityService.Silent> silent = $(Grid.class).id("silent-grid");
        assertThat(test(silent).size()).isEqualTo(2);
        assertThat(test(silent).getCellText(0, 0)).isEqualTo("Kab. Sleman (3404)");
        assertThat(test(silent).getCellText(0, 1)).isEqualTo("Desember 2018");
        assertThat(text("kpi-silent-value")).isEqualTo("2");
    }

    @Test
    void aMonthWithFewVisitsWithoutNikHasNoShareOnTheChartAndNoCountUnderFiveOnTheCards() {
        // Kota Yogyakarta has a few dozen visits a month: some months have 1 to 4 without NIK.
        open(Map.of("dari", "2018-01", "sampai", "2018-12", "kabupaten", "3471"));
        var chart = $(com.vaadin.flow.component.charts.Chart.class).id("quality-trend-chart");
        Number[] withoutNik = ((com.vaadin.flow.component.charts.model.ListSeries)
                chart.getConfiguration().getSeries().getFirst()).getData();
        long small = 0;
        for (int month = 1; month <= 12; month++) {
            long count = Oracle.number(SharedWarehouse.standard(), "SELECT sum(visits_without_nik) FROM {quality_monthly}"
                    + " WHERE year = 2018 AND district_code = '3471' AND month = " + month);
            if (count > 0 && count < 5) {
                small++;
                assertThat(withoutNik[month - 1]).as("month " + month + ": share times visits gives " + count + " back").isNull();
            }
        }
        assertThat(small).as("the fixture must give the screen a small count to hide").isPositive();
        assertThat(java.util.Arrays.stream(withoutNik).filter(java.util.Objects::nonNull)).as("the other months' shares").isNotEmpty();
        assertThat(text("kpi-quarantined-value")).doesNotMatch("[1-4]");
    }

    private String text(String id) {
        return $(Span.class).id(id).getText();
    }

    private static void open(Map<String, String> query) {
        UI.getCurrent().navigate(QualityView.class, QueryParameters.simple(query));
    }
}
