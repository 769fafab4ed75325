package id.slrt.dashboard.visits;

import static id.slrt.dashboard.testing.WarehouseFixture.BANTUL;
import static id.slrt.dashboard.testing.WarehouseFixture.SLEMAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.NumberFormat;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.DataSeries;
import com.vaadin.flow.component.charts.model.DataSeriesItem;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import id.slrt.dashboard.alerts.AlertsService;
import id.slrt.dashboard.alerts.Baseline;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.outlook.OutlookService;
import id.slrt.dashboard.security.AccessDenied;
import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.StandardWarehouseTest;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The district page's usual range and outlook against the fixture: the band from {@link Baseline} over the
 * district's series taken by plain SQL, the forecast from {@link OutlookService} itself, the scope.
 */
class DistrictOutlookViewTest extends StandardWarehouseTest {

    private static final Locale INDONESIAN = Locale.of("id", "ID");

    @Autowired
    private Warehouse warehouse;
    @Autowired
    private OutlookService outlook;
    @Autowired
    private AlertsService alerts;

    @Test
    void eachMonthsBandIsWhatBaselineGivesOnTheDistrictsVisitsFromPlainSql() {
        open(SLEMAN, 2018, null);

        int shown = assertBandMatchesBaseline(SLEMAN, 2018, null);
        assertThat(shown).as("months of 2018 with a band").isPositive();
        assertThat(series(1).getName()).isEqualTo("Rentang biasa");
    }

    @Test
    void aProgrammesBandComparesItsVisitsWithTheDistrictsLevelAsTheAlertsDo() {
        open(SLEMAN, 2018, "KIS");

        int shown = assertBandMatchesBaseline(SLEMAN, 2018, "KIS");
        assertThat(shown).as("months of 2018 with a band").isPositive();
    }

    @Test
    void aShortHistoryShowsNoBandForItsFirstMonthsAndDoesNotFail() {
        // Bantul's first year is 2019: nothing to compare January with.
        open(BANTUL, 2019, null);

        assertBandMatchesBaseline(BANTUL, 2019, null);
        Grid<?> grid = $(Grid.class).id("band-grid");
        assertThat(test(grid).getCellText(0, 2)).isEqualTo("–");
        assertThat(series(1).getData().getFirst().getLow()).isNull();
        // A district without any visit has no range at all, rather than an error.
        assertThat(alerts.expected(warehouse.currentSnapshot().orElseThrow(), Filters.NONE.withDistrict("3401"), latest()))
                .isEmpty();
    }

    @Test
    void theLastYearOfDataShowsTheOutlooksTwelveMonthsAsTheServiceForecastsThem() {
        open(BANTUL, 2019, null);

        List<OutlookService.Outlook> expected = outlook.forecasts(warehouse.currentSnapshot().orElseThrow(),
                Filters.NONE.withDistrict(BANTUL), latest()).stream()
                .filter(o -> o.measure().equals(OutlookService.VISITS) && o.programme() == null).toList();
        assertThat(expected).hasSize(12);
        assertThat(expected.getFirst().month()).isEqualTo(latest().plusMonths(1));

        Grid<?> grid = $(Grid.class).id("forecast-grid");
        assertThat(test(grid).size()).isEqualTo(12);
        Chart chart = $(Chart.class).id("forecast-chart");
        DataSeries interval = (DataSeries) chart.getConfiguration().getSeries().get(0);
        DataSeries line = (DataSeries) chart.getConfiguration().getSeries().get(1);
        for (int i = 0; i < 12; i++) {
            OutlookService.Outlook o = expected.get(i);
            assertThat(test(grid).getCellText(i, 0)).isEqualTo(id.slrt.dashboard.i18n.Languages.yearMonth(o.month(), INDONESIAN));
            assertThat(test(grid).getCellText(i, 1)).isEqualTo(shown(Math.round(o.expected())));
            assertThat(test(grid).getCellText(i, 2)).isEqualTo(shown(Math.round(o.low())));
            assertThat(test(grid).getCellText(i, 3)).isEqualTo(shown(Math.round(o.high())));
            assertThat(line.getData().get(i).getY().longValue()).isEqualTo(Math.round(o.expected()));
            assertThat(interval.getData().get(i).getLow().longValue()).isEqualTo(Math.round(o.low()));
            assertThat(interval.getData().get(i).getHigh().longValue()).isEqualTo(Math.round(o.high()));
        }
        assertThat(List.of(interval.getName(), line.getName())).containsExactly("Interval 80%", "Perkiraan");

        test($(Button.class).id("language-switch")).click();
        assertThat(((DataSeries) $(Chart.class).id("forecast-chart").getConfiguration().getSeries().get(1)).getName())
                .isEqualTo("Forecast");
        assertThat(series(1).getName()).isEqualTo("Usual range");
    }

    @Test
    void anEarlierYearShowsNoOutlook() {
        open(SLEMAN, 2018, null);

        assertThat($(Chart.class).withId("forecast-chart").exists()).isFalse();
        assertThat($(Grid.class).withId("forecast-grid").exists()).isFalse();
        assertThat($(Grid.class).withId("band-grid").exists()).isTrue();
    }

    @Test
    @WithMockUser(username = "kadis-sleman", authorities = {"ROLE_DISTRICT", "REGION_3404"})
    void aDistrictHeadSeesTheBandOfTheirDistrictAndNoneOfAnother() {
        open(SLEMAN, 2018, null);
        assertBandMatchesBaseline(SLEMAN, 2018, null);

        open(BANTUL, 2019, null);
        assertThat($(Div.class).id("empty-state").getText()).startsWith("Akses ditolak");
        assertThat($(Grid.class).withId("band-grid").exists()).isFalse();
        assertThat($(Chart.class).withId("forecast-chart").exists()).isFalse();
        assertThatThrownBy(() -> alerts.expected(warehouse.currentSnapshot().orElseThrow(),
                Filters.NONE.withDistrict(BANTUL), latest())).isInstanceOf(AccessDenied.class);
    }

    /**
     * Compares the band grid and the chart's band with {@link Baseline#range} over the district's series
     * from plain SQL, built as the alerts build it: its months from the first with visits to the snapshot's
     * last, NaN where it sent nothing, a programme's months zero where it had none, the district's level.
     *
     * @return the months of the year with a band
     */
    private int assertBandMatchesBaseline(String district, int year, String programme) {
        List<List<String>> rows = Oracle.rows(SharedWarehouse.standard(), """
                SELECT year * 12 + month - 1 AS t, sum(visits), coalesce(sum(visits) FILTER (WHERE programme = '%s'), 0)
                FROM {visits_monthly} WHERE district_code = '%s' GROUP BY t ORDER BY t
                """.formatted(programme == null ? "" : programme, district));
        Map<Integer, double[]> byMonth = new LinkedHashMap<>();
        rows.forEach(r -> byMonth.put(Integer.parseInt(r.get(0)),
                new double[] {Double.parseDouble(r.get(1)), Double.parseDouble(r.get(2))}));
        int first = byMonth.keySet().iterator().next();
        int last = latest().getYear() * 12 + latest().getMonthValue() - 1;
        double[] total = new double[last - first + 1];
        double[] values = new double[total.length];
        for (int i = 0; i < total.length; i++) {
            double[] v = byMonth.get(first + i);
            boolean present = v != null && v[0] > 0;
            total[i] = present ? v[0] : Double.NaN;
            values[i] = !present ? Double.NaN : programme == null ? v[0] : v[1];
        }
        Grid<?> grid = $(Grid.class).id("band-grid");
        assertThat(test(grid).size()).isEqualTo(12);
        DataSeries band = series(1);
        int withBand = 0;
        for (int m = 1; m <= 12; m++) {
            int i = year * 12 + m - 1 - first;
            Baseline.Range range = i < 0 || i >= total.length || Double.isNaN(total[i]) ? null
                    : Baseline.range(values, total, i, Baseline.Chance.count());
            DataSeriesItem item = band.getData().get(m - 1);
            double[] v = byMonth.get(year * 12 + m - 1);
            assertThat(test(grid).getCellText(m - 1, 1)).isEqualTo(shown(v == null ? 0
                    : Math.round(programme == null ? v[0] : v[1])));
            if (range == null) {
                assertThat(test(grid).getCellText(m - 1, 2)).as("month %d", m).isEqualTo("–");
                assertThat(item.getLow()).as("month %d", m).isNull();
                continue;
            }
            withBand++;
            assertThat(test(grid).getCellText(m - 1, 2)).as("low of month %d", m).isEqualTo(shown(Math.round(range.low())));
            assertThat(test(grid).getCellText(m - 1, 3)).as("high of month %d", m).isEqualTo(shown(Math.round(range.high())));
            assertThat(item.getLow().longValue()).as("low of month %d", m).isEqualTo(Math.round(range.low()));
            assertThat(item.getHigh().longValue()).as("high of month %d", m).isEqualTo(Math.round(range.high()));
        }
        return withBand;
    }

    /** The snapshot's last month, by plain SQL. */
    private static YearMonth latest() {
        long t = Oracle.number(SharedWarehouse.standard(), "SELECT max(year * 12 + month - 1) FROM {visits_monthly}");
        return YearMonth.of((int) (t / 12), (int) (t % 12) + 1);
    }

    /** A rounded model output as the page shows it: under the threshold of 5 it is "<5". */
    private static String shown(long n) {
        return n > 0 && n < 5 ? "<5" : NumberFormat.getIntegerInstance(INDONESIAN).format(n);
    }

    private DataSeries series(int index) {
        return (DataSeries) $(Chart.class).id("visits-chart").getConfiguration().getSeries().get(index);
    }

    private static void open(String district, int year, String programme) {
        Map<String, String> query = new LinkedHashMap<>(Map.of("kabupaten", district, "tahun", String.valueOf(year)));
        if (programme != null) {
            query.put("program", programme);
        }
        UI.getCurrent().navigate(MonthlyVisitsView.class, QueryParameters.simple(query));
    }
}
