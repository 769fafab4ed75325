package id.slrt.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.StandardWarehouseTest;

/** The Peringatan screen over the fixture warehouse, server-side, as Sleman's district head. */
@WithMockUser(username = "kadis-sleman", authorities = {"ROLE_DISTRICT", "REGION_3404"})
class AlertsViewTest extends StandardWarehouseTest {

    @Test
    @SuppressWarnings("unchecked")
    void theDistrictHeadSeesSlemansJunePeakSaidInASentenceAndLinkedToTheDistrictPage() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12"));

        Grid<ShownAlert> grid = $(Grid.class).id("alerts-grid");
        long june = Oracle.number(SharedWarehouse.standard(),
                "SELECT sum(visits) FROM {visits_monthly} WHERE year = 2018 AND month = 6 AND district_code = '3404'");
        int rows = test(grid).size();
        assertThat(rows).isPositive();
        boolean found = false;
        for (int row = 0; row < rows; row++) {
            String sentence = test(grid).getCellText(row, 6);
            assertThat(test(grid).getCellText(row, 1)).isEqualTo("Kab. Sleman");
            if (sentence.startsWith("Kab. Sleman, Juni 2018: " + String.format(java.util.Locale.of("id", "ID"), "%,d", june)
                    + " kunjungan, biasanya ")) {
                found = true;
            }
        }
        assertThat(found).as("June 2018 among the alerts").isTrue();
        assertThat($(Paragraph.class).id("alerts-summary").getText()).startsWith(rows + " peringatan pada Kab. Sleman");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMeasureFilterIsInTheUrlAndNarrowsTheList() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12", AlertsView.MEASURE_PARAM, "no_export"));

        Select<String> measure = $(Select.class).id("measure-picker");
        assertThat(measure.getValue()).isEqualTo("no_export");
        Grid<ShownAlert> grid = $(Grid.class).id("alerts-grid");
        for (int row = 0; row < test(grid).size(); row++) {
            assertThat(test(grid).getCellText(row, 2)).isEqualTo("Tidak ada kiriman");
        }
        assertThat(UI.getCurrent().getActiveViewLocation().getQueryParameters().getParameters())
                .containsEntry(AlertsView.MEASURE_PARAM, java.util.List.of("no_export"));
    }

    @Test
    @WithMockUser(username = "nasional", authorities = "ROLE_NATIONAL")
    void aNationalUserSeesTheDistrictsThatStoppedExportingAndTheRollUps() {
        // Sleman and Kota Yogyakarta exported every month of 2018 and nothing in 2019.
        open(Map.of("dari", "2019-01", "sampai", "2019-12", AlertsView.MEASURE_PARAM, "no_export"));
        assertThat($(Paragraph.class).id("alerts-summary").getText()).isEqualTo("24 peringatan pada Nasional, Januari 2019"
                + " – Desember 2019: 0 lebih tinggi dari biasanya, 0 lebih rendah, 24 bulan tanpa kiriman data.");
    }

    private static void open(Map<String, String> query) {
        UI.getCurrent().navigate(AlertsView.class, QueryParameters.simple(query));
    }
}
