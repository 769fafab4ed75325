package id.slrt.dashboard.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;

import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.StandardWarehouseTest;

/** Reach per 1,000 poor residents over the fixture warehouse and the BPS reference, server-side. */
class ReachViewTest extends StandardWarehouseTest {

    private static final Locale INDONESIAN = Locale.of("id", "ID");


    @Test
    @SuppressWarnings("unchecked")
    void peopleServedPerThousandPoorAreComputedFromTheWarehouseAndBpsIsCited() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12"));

        Grid<ReachService.Reach> grid = $(Grid.class).id("reach-grid");
        assertThat(test(grid).size()).isEqualTo(2);
        double sleman = Oracle.number(SharedWarehouse.standard(),
                "SELECT people FROM {people_yearly} WHERE district_code = '3404' AND year = 2018") * 1000.0
                / Oracle.number(SharedWarehouse.standard(), "SELECT poor_population FROM {poverty} WHERE district_code = '3404'");
        int row = test(grid).getCellText(0, 0).startsWith("Kab. Sleman") ? 0 : 1;
        assertThat(test(grid).getCellText(row, 4)).isEqualTo(String.format(INDONESIAN, "%.1f", sleman));
        assertThat(test(grid).getCellText(row, 2)).isEqualTo(NumberFormat.getIntegerInstance(INDONESIAN).format(
                Oracle.number(SharedWarehouse.standard(), "SELECT poor_population FROM {poverty} WHERE district_code = '3404'")));
        assertThat($(Paragraph.class).id("reach-source").getText()).startsWith("Sumber: BPS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLeastReachedDistrictIsFlaggedWhenItsPovertyRateIsAtOrAboveTheMedian() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12"));

        // Two districts: each median is the mean of the two. The less reached one is flagged when its
        // poverty rate is at least the mean; the other is never flagged (its reach is above the median).
        double slemanReach = reach("3404");
        double yogyaReach = reach("3471");
        String least = slemanReach < yogyaReach ? "3404" : "3471";
        String other = least.equals("3404") ? "3471" : "3404";
        double meanRate = (rate(least) + rate(other)) / 2;
        Grid<ReachService.Reach> grid = $(Grid.class).id("reach-grid");
        assertThat(test(grid).getCellText(0, 0)).endsWith("(" + least + ")");
        assertThat(test(grid).getCellText(0, 5)).isEqualTo(rate(least) >= meanRate ? "Kemiskinan tinggi, jangkauan rendah" : "");
        assertThat(test(grid).getCellText(1, 5)).isEmpty();
    }

    private static double reach(String district) {
        return Oracle.number(SharedWarehouse.standard(), "SELECT people FROM {people_yearly} WHERE year = 2018 AND district_code = '"
                + district + "'") * 1000.0 / Oracle.number(SharedWarehouse.standard(),
                "SELECT poor_population FROM {poverty} WHERE district_code = '" + district + "'");
    }

    private static double rate(String district) {
        return Double.parseDouble(Oracle.text(SharedWarehouse.standard(),
                "SELECT poverty_rate_pct FROM {poverty} WHERE district_code = '" + district + "'"));
    }

    private static void open(Map<String, String> query) {
        UI.getCurrent().navigate(ReachView.class, QueryParameters.simple(query));
    }
}
