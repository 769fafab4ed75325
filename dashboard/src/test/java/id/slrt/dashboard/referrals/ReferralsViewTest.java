package id.slrt.dashboard.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;

import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.StandardWarehouseTest;

/** The referrals view over the fixture warehouse, server-side. */
class ReferralsViewTest extends StandardWarehouseTest {

    private static final Locale INDONESIAN = Locale.of("id", "ID");
    private static final NumberFormat ID = NumberFormat.getIntegerInstance(INDONESIAN);


    @Test
    @SuppressWarnings("unchecked")
    void outcomesByProgrammeAndAgencyMatchTheWarehouse() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12", "kabupaten", "3404"));

        String where = " WHERE year = 2018 AND district_code = '3404'";
        long referred = Oracle.number(SharedWarehouse.standard(), "SELECT sum(referred) FROM {referrals_monthly}" + where);
        long completed = Oracle.number(SharedWarehouse.standard(), "SELECT sum(completed) FROM {referrals_monthly}" + where);
        assertThat(text("kpi-referred-value")).isEqualTo(ID.format(referred));
        assertThat(text("kpi-completion-value")).isEqualTo(String.format(INDONESIAN, "%.1f%%", 100.0 * completed / referred));
        Grid<ReferralsService.Outcome> programmes = $(Grid.class).id("programme-grid");
        assertThat(test(programmes).size()).isEqualTo(2);
        assertThat(test(programmes).getCellText(0, 0)).isEqualTo("KIS");
        assertThat(test(programmes).getCellText(0, 1)).isEqualTo(ID.format(Oracle.number(SharedWarehouse.standard(),
                "SELECT sum(referred) FROM {referrals_monthly}" + where + " AND programme = 'KIS'")));
        // The fixture's KIS referrals take 12 days (median) in every month.
        assertThat(test(programmes).getCellText(0, 6)).isEqualTo("12,0");
        Grid<ReferralsService.Outcome> agencies = $(Grid.class).id("agency-grid");
        assertThat(test(agencies).getCellText(0, 0)).isEqualTo("BPJS Kesehatan");
        assertThat($(Chart.class).id("backlog-chart").getConfiguration().getSeries()).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void choosingAProgrammePutsItInTheUrlAndFiltersTheNumbers() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12"));

        ComboBox<String> programme = $(ComboBox.class).id("filter-programme");
        test(programme).selectItem("SKTM");

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getQueryParameters().getParameters())
                .containsEntry("program", java.util.List.of("SKTM"));
        assertThat(text("kpi-referred-value")).isEqualTo(ID.format(Oracle.number(SharedWarehouse.standard(),
                "SELECT sum(referred) FROM {referrals_monthly} WHERE year = 2018 AND programme = 'SKTM'")));
        assertThat(((ComboBox<String>) $(ComboBox.class).id("filter-programme")).getValue()).isEqualTo("SKTM");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMonthOfFewReferralsShowsNoCountUnderFiveAndNoShareThatWouldGiveOneBack() {
        // Kota Yogyakarta in January 2018: a few referrals per programme, some open or declined 1 to 4.
        open(Map.of("dari", "2018-01", "sampai", "2018-01", "kabupaten", "3471"));
        String byProgramme = "SELECT count(*) FROM (SELECT programme, sum(open) AS open, sum(declined) AS declined"
                + " FROM {referrals_monthly} WHERE year = 2018 AND month = 1 AND district_code = '3471' GROUP BY programme)";
        long smallOpen = Oracle.number(SharedWarehouse.standard(), byProgramme + " WHERE open BETWEEN 1 AND 4");
        long smallDeclined = Oracle.number(SharedWarehouse.standard(), byProgramme + " WHERE declined BETWEEN 1 AND 4");
        assertThat(smallOpen + smallDeclined).as("the fixture must give the screen a small count to hide").isPositive();
        Grid<ReferralsService.Outcome> programmes = $(Grid.class).id("programme-grid");
        long openHidden = 0;
        long declinedShareHidden = 0;
        for (int row = 0; row < test(programmes).size(); row++) {
            for (int column : new int[] {1, 4}) {
                assertThat(test(programmes).getCellText(row, column)).as("row " + row + " column " + column).doesNotMatch("[1-4]");
            }
            openHidden += test(programmes).getCellText(row, 4).equals("<5") ? 1 : 0;
            // The declined share times the referrals shown would give a declined count of 1 to 4 back.
            declinedShareHidden += test(programmes).getCellText(row, 3).equals("–") ? 1 : 0;
        }
        assertThat(openHidden).isEqualTo(smallOpen);
        assertThat(declinedShareHidden).isGreaterThanOrEqualTo(smallDeclined);
        assertThat(text("kpi-referred-value")).doesNotMatch("[1-4]");
    }

    private String text(String id) {
        return $(Span.class).id(id).getText();
    }

    private static void open(Map<String, String> query) {
        UI.getCurrent().navigate(ReferralsView.class, QueryParameters.simple(query));
    }
}
