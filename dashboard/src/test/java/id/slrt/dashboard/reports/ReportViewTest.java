package id.slrt.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import id.slrt.dashboard.filters.Region;
import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.StandardWarehouseTest;

/** The report screen: region and years from the URL, a preview, the four downloads, the scope. */
class ReportViewTest extends StandardWarehouseTest {

    @Test
    @SuppressWarnings("unchecked")
    void previewsTheReportAndLinksItsDownloads() {
        UI.getCurrent().navigate(ReportView.class, QueryParameters.fromString("wilayah=34&tahun=2018&sampai=2018"));

        Grid<BudgetReport.Line> grid = $(Grid.class).id("report-grid");
        int last = test(grid).size() - 1;
        assertThat(test(grid).getCellText(last, 2)).isEqualTo("Total");
        assertThat(test(grid).getCellText(last, 3)).isEqualTo(java.text.NumberFormat.getIntegerInstance(
                java.util.Locale.of("id", "ID")).format(Oracle.number(SharedWarehouse.standard(),
                "SELECT sum(visits) FROM {visits_monthly} WHERE year = 2018")));
        assertThat($(Anchor.class).id("download-xlsx").getHref()).isEqualTo("laporan/unduh?region=34&year=2018&toYear=2018&format=xlsx");
        assertThat($(Anchor.class).id("download-csv-semicolon").getHref()).endsWith("format=csv&delimiter=semicolon");
        assertThat($(Anchor.class).id("download-pdf").getHref()).endsWith("format=pdf");
    }

    @Test
    @WithMockUser(username = "kadis-sleman", authorities = {"ROLE_DISTRICT", "REGION_3404"})
    @SuppressWarnings("unchecked")
    void aDistrictHeadGetsTheirDistrictAndIsRefusedAnother() {
        UI.getCurrent().navigate(ReportView.class);
        ComboBox<Region> region = $(ComboBox.class).id("report-region");
        assertThat(region.getValue().code()).isEqualTo("3404");
        assertThat(test(region).getSuggestions()).allSatisfy(label -> assertThat(label).doesNotContain("Bantul"));

        UI.getCurrent().navigate(ReportView.class, QueryParameters.fromString("wilayah=3402&tahun=2019"));
        assertThat($(Div.class).id("empty-state").getText()).isEqualTo("Akses ditolak: wilayah 3402 di luar wilayah Anda (3404).");
        assertThat($(Grid.class).withId("report-grid").exists()).isFalse();
    }
}
