package id.slrt.dashboard.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.PlotBand;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import id.slrt.dashboard.national.NationalView;
import id.slrt.dashboard.referrals.ReferralsView;
import id.slrt.dashboard.testing.StandardWarehouseTest;

/** The Catatan screen and the annotations on the trend charts, server-side, for each demo role. */
class AnnotationsViewTest extends StandardWarehouseTest {

    private static final Map<String, String> YEAR_2018 = Map.of("dari", "2018-01", "sampai", "2018-12");

    @Test
    @WithMockUser(username = "kadis-sleman", authorities = {"ROLE_DISTRICT", "REGION_3404"})
    @SuppressWarnings("unchecked")
    void aDistrictHeadRecordsAFloodForTheirDistrictAndSeesItOnTheTrendCharts() {
        UI.getCurrent().navigate(AnnotationsView.class, QueryParameters.simple(YEAR_2018));
        Select<String> region = $(Select.class).id("annotation-region");
        assertThat(region.getListDataView().getItems().toList()).containsExactly("3404");
        String text = id.slrt.dashboard.testing.UniqueText.of("Banjir di Sleman");
        record(Annotation.Kind.DISASTER, YearMonth.of(2018, 6), YearMonth.of(2018, 7), text);

        assertThat($(Paragraph.class).id("annotation-message").getText()).isEqualTo("Catatan disimpan: Juni 2018 – Juli 2018, Kab. Sleman.");
        assertThat(gridTexts()).contains(text);

        // The national page (the district's, for its head) and the referrals page mark June and July.
        UI.getCurrent().navigate(NationalView.class, QueryParameters.simple(YEAR_2018));
        assertMarked("national-chart", "national-chart-annotations", text, 5, 6);
        UI.getCurrent().navigate(ReferralsView.class, QueryParameters.simple(YEAR_2018));
        assertMarked("referrals-trend-chart", "referrals-annotations", text, 5, 6);
        // The district page: its year's twelve months.
        UI.getCurrent().navigate(id.slrt.dashboard.visits.MonthlyVisitsView.class,
                QueryParameters.simple(Map.of("kabupaten", "3404", "tahun", "2018")));
        assertMarked("visits-chart", "visits-chart-annotations", text, 5, 6);
        UI.getCurrent().navigate(id.slrt.dashboard.visits.MonthlyVisitsView.class,
                QueryParameters.simple(Map.of("kabupaten", "3404", "tahun", "2017")));
        assertThat(notesText("visits-chart-annotations")).as("another year").doesNotContain(text);
    }

    private String notesText(String id) {
        // Hidden (no annotation to show) is not found by a query of the visible screen.
        var notes = $(Div.class).withId(id);
        return notes.exists() ? notes.single().getElement().getTextRecursively() : "";
    }

    @Test
    @WithMockUser(username = "kadis-sleman", authorities = {"ROLE_DISTRICT", "REGION_3404"})
    @SuppressWarnings("unchecked")
    void aTextWithANikIsRefusedWithItsReasonAndNothingIsSaved() {
        UI.getCurrent().navigate(AnnotationsView.class, QueryParameters.simple(YEAR_2018));
        int before = $(Grid.class).id("annotations-grid").getListDataView().getItemCount();
        record(Annotation.Kind.OTHER, YearMonth.of(2018, 3), YearMonth.of(2018, 3), "Pak Budi NIK 3404 0101 0101 0001");
        assertThat($(Paragraph.class).id("annotation-message").getText())
                .isEqualTo("Catatan berisi angka 16 digit (NIK atau No. KK?): catatan tidak boleh berisi data pribadi.");
        assertThat($(Grid.class).id("annotations-grid").getListDataView().getItemCount()).isEqualTo(before);
    }

    @Test
    @WithMockUser(username = "bappeda-diy", authorities = {"ROLE_PROVINCE", "REGION_34"})
    @SuppressWarnings("unchecked")
    void aProvincePlannerWritesForTheProvinceAndItsDistrictsOnly() {
        UI.getCurrent().navigate(AnnotationsView.class, QueryParameters.simple(YEAR_2018));
        List<String> regions = $(Select.class).id("annotation-region").getListDataView().getItems().toList();
        assertThat(regions).startsWith("34").contains("3404", "3402").doesNotContain("").allMatch(c -> c.startsWith("34"));
    }

    @Test
    @WithMockUser(username = "nasional", authorities = "ROLE_NATIONAL")
    @SuppressWarnings("unchecked")
    void aNationalUserWritesForTheNationAndAnAdministratorDeletesIt() {
        UI.getCurrent().navigate(AnnotationsView.class, QueryParameters.simple(YEAR_2018));
        Select<String> region = $(Select.class).id("annotation-region");
        assertThat(region.getListDataView().getItems().toList()).first().isEqualTo("");
        region.setValue("");
        String text = id.slrt.dashboard.testing.UniqueText.of("Kebijakan nasional");
        record(Annotation.Kind.POLICY, YearMonth.of(2018, 1), YearMonth.of(2018, 12), text);
        assertThat(gridTexts()).contains(text);
    }

    @Test
    @WithMockUser(username = "admin", authorities = "ROLE_ADMIN")
    @SuppressWarnings("unchecked")
    void anAdministratorDeletesAnAnnotationAndItLeavesTheList() {
        UI.getCurrent().navigate(AnnotationsView.class, QueryParameters.simple(YEAR_2018));
        $(Select.class).id("annotation-region").setValue("3404");
        String text = id.slrt.dashboard.testing.UniqueText.of("Salah catat");
        record(Annotation.Kind.OTHER, YearMonth.of(2018, 2), YearMonth.of(2018, 2), text);
        Grid<Annotation> grid = $(Grid.class).id("annotations-grid");
        List<Annotation> rows = grid.getListDataView().getItems().toList();
        int row = rows.indexOf(rows.stream().filter(a -> a.text().equals(text)).findFirst().orElseThrow());
        test((Button) test(grid).getCellComponent(row, 5)).click();
        assertThat(gridTexts()).doesNotContain(text);
        assertThat($(Paragraph.class).id("annotation-message").getText()).startsWith("Catatan dihapus: Februari 2018");
    }

    @SuppressWarnings("unchecked")
    private void record(Annotation.Kind kind, YearMonth from, YearMonth to, String text) {
        $(Select.class).id("annotation-kind").setValue(kind);
        $(ComboBox.class).id("annotation-from").setValue(from);
        $(ComboBox.class).id("annotation-to").setValue(to);
        $(TextArea.class).id("annotation-text").setValue(text);
        test($(Button.class).id("annotation-save")).click();
    }

    @SuppressWarnings("unchecked")
    private List<String> gridTexts() {
        Grid<Annotation> grid = $(Grid.class).id("annotations-grid");
        return grid.getListDataView().getItems().map(Annotation::text).toList();
    }

    /** The chart has a band over exactly these month indexes whose number is the text's line under it. */
    private void assertMarked(String chartId, String notesId, String text, int firstIndex, int lastIndex) {
        Div notes = $(Div.class).id(notesId);
        assertThat(notes.isVisible()).isTrue();
        List<String> lines = new ArrayList<>();
        notes.getChildren().skip(1).forEach(c -> lines.add(((Paragraph) c).getText()));
        String line = lines.stream().filter(l -> l.contains(text)).findFirst().orElseThrow();
        assertThat(line).contains("Kab. Sleman").contains(" · Bencana: " + text);
        String number = line.substring(0, line.indexOf('.'));
        PlotBand[] bands = $(Chart.class).id(chartId).getConfiguration().getxAxis().getPlotBands();
        PlotBand band = java.util.Arrays.stream(bands).filter(b -> b.getLabel().getText().equals(number)).findFirst().orElseThrow();
        assertThat(band.getFrom().doubleValue()).isBetween(firstIndex - 0.5, firstIndex - 0.0);
        assertThat(band.getTo().doubleValue()).isBetween(lastIndex + 0.0, lastIndex + 0.5);
    }
}
