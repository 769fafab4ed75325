package id.slrt.dashboard.visits;

import static id.slrt.dashboard.testing.WarehouseFixture.BANTUL;
import static id.slrt.dashboard.testing.WarehouseFixture.BANTUL_2019;
import static id.slrt.dashboard.testing.WarehouseFixture.SLEMAN;
import static id.slrt.dashboard.testing.WarehouseFixture.SLEMAN_2017;
import static id.slrt.dashboard.testing.WarehouseFixture.SLEMAN_2018;
import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.browserless.CommercialTesterWrappers;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.DataSeries;
import com.vaadin.flow.component.charts.model.DataSeriesItem;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;

import id.slrt.dashboard.testing.StandardWarehouseTest;
import id.slrt.dashboard.testing.WarehouseFixture.Series;

/** The home view against the fixture warehouse, server-side, without a browser. */
class MonthlyVisitsViewTest extends StandardWarehouseTest implements CommercialTesterWrappers {

    private static final Locale INDONESIAN = Locale.of("id", "ID");

    @Test
    void drawsTheTwelveMonthsOfTheDistrictAndYearInTheUrl() {
        open("3404", "2018");

        Chart chart = $(Chart.class).id("visits-chart");
        assertThat(test(chart).getSeriesValues(0)).map(Number::longValue)
                .containsExactlyElementsOf(SLEMAN_2018.asList());
        assertThat(text("peak-text")).isEqualTo(indonesianPeak(SLEMAN_2018));
        assertThat(text("total-text")).isEqualTo(indonesianTotal(SLEMAN_2018));
        // The report's own wording, as a reader would check it.
        assertThat(text("peak-text")).isEqualTo("Puncak: Juni, 3.416 kunjungan");
        assertThat(text("total-text")).isEqualTo("Total 2018: 13.750 kunjungan");

        assertThat(comboBox("district-picker").getValue().label()).isEqualTo("Kab. Sleman (3404)");
        assertThat(yearPicker().getValue()).isEqualTo(2018);
        // The fixture's snapshot is years old: the age follows the time.
        assertThat($(Span.class).id("snapshot-text").getText()).startsWith("Data per 15 Januari 2019 09:00 WIB (")
                .endsWith(" hari lalu)");
    }

    @Test
    void highlightsOnlyThePeakMonthAndNamesMonthsInIndonesian() {
        open("3404", "2018");

        DataSeries series = (DataSeries) $(Chart.class).id("visits-chart").getConfiguration().getSeries().getFirst();
        List<DataSeriesItem> items = series.getData();
        int peakIndex = SLEMAN_2018.peakMonth().getValue() - 1;
        for (int i = 0; i < 12; i++) {
            assertThat(items.get(i).getColor())
                    .as("colour of month %d", i + 1)
                    .isEqualTo(i == peakIndex ? MonthlyVisitsView.PEAK_COLOUR : null);
        }
        assertThat(items).extracting(DataSeriesItem::getName)
                .containsExactly("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des");
    }

    @Test
    void changingTheYearUpdatesTextsChartAndUrl() {
        open("3404", "2018");

        test(yearPicker()).selectItem(String.valueOf(SLEMAN_2017.year()));

        assertThat(text("total-text")).isEqualTo(indonesianTotal(SLEMAN_2017));
        assertThat(text("peak-text")).isEqualTo(indonesianPeak(SLEMAN_2017));
        assertThat(test($(Chart.class).id("visits-chart")).getSeriesValues(0)).map(Number::longValue)
                .containsExactlyElementsOf(SLEMAN_2017.asList());
        assertThat(urlQuery()).containsExactlyInAnyOrderEntriesOf(
                Map.of("kabupaten", List.of(SLEMAN), "tahun", List.of("2017")));
    }

    @Test
    void changingTheDistrictShowsItsLatestYearWhenTheCurrentYearHasNoData() {
        open("3404", "2018");

        test(comboBox("district-picker")).selectItem("Kab. Bantul (3402)");

        assertThat(urlQuery()).containsExactlyInAnyOrderEntriesOf(
                Map.of("kabupaten", List.of(BANTUL), "tahun", List.of(String.valueOf(BANTUL_2019.year()))));
        assertThat(text("total-text")).isEqualTo(indonesianTotal(BANTUL_2019));
    }

    @Test
    void withoutParametersShowsTheDefaultAndPutsItInTheUrl() {
        navigate(MonthlyVisitsView.class);

        assertThat(urlQuery()).containsExactlyInAnyOrderEntriesOf(
                Map.of("kabupaten", List.of(SLEMAN), "tahun", List.of(String.valueOf(SLEMAN_2018.year()))));
        assertThat(text("peak-text")).isEqualTo(indonesianPeak(SLEMAN_2018));
    }

    @Test
    void aYearWithoutDataShowsAnEmptyStateInsteadOfAChart() {
        open("3404", "2030");

        Div empty = $(Div.class).id("empty-state");
        assertThat(empty.isVisible()).isTrue();
        assertThat(empty.getText()).isEqualTo("Tidak ada data kunjungan untuk Kab. Sleman (3404) pada tahun 2030.");
        assertThat($(Chart.class).exists()).as("a visible chart").isFalse();
        assertThat($(Paragraph.class).withId("peak-text").exists()).as("a visible peak text").isFalse();
        // The pickers stay, so the user can pick a year that has data.
        assertThat(yearPicker().isVisible()).isTrue();
    }

    @Test
    void anUnknownDistrictShowsAnEmptyState() {
        open("9999", "2018");

        assertThat($(Div.class).id("empty-state").getText())
                .isEqualTo("Tidak ada data kunjungan untuk kabupaten/kota 9999.");
        assertThat($(Chart.class).exists()).as("a visible chart").isFalse();
    }

    @Test
    void isIndonesianByDefaultAndSwitchesToEnglish() {
        open("3404", "2018");
        assertThat(UI.getCurrent().getLocale()).isEqualTo(INDONESIAN);

        test($(Button.class).id("language-switch")).click();

        assertThat(UI.getCurrent().getLocale().getLanguage()).isEqualTo("en");
        assertThat(text("peak-text")).isEqualTo("Peak: %s, %s visits".formatted(
                SLEMAN_2018.peakMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                NumberFormat.getIntegerInstance(Locale.ENGLISH).format(SLEMAN_2018.peakVisits())));
        assertThat(text("peak-text")).isEqualTo("Peak: June, 3,416 visits");
        assertThat(text("total-text")).isEqualTo("Total 2018: 13,750 visits");
        assertThat(comboBox("district-picker").getLabel()).isEqualTo("District (kabupaten/kota)");

        test($(Button.class).id("language-switch")).click();
        assertThat(text("peak-text")).isEqualTo("Puncak: Juni, 3.416 kunjungan");
    }

    private String text(String id) {
        Paragraph paragraph = $(Paragraph.class).id(id);
                return paragraph.getText();
    }

    @SuppressWarnings("unchecked")
    private Select<Integer> yearPicker() {
        return $(Select.class).id("year-picker");
    }

    @SuppressWarnings("unchecked")
    private ComboBox<District> comboBox(String id) {
        return $(ComboBox.class).id(id);
    }

    private static Map<String, List<String>> urlQuery() {
        return UI.getCurrent().getInternals().getActiveViewLocation().getQueryParameters().getParameters();
    }

    private static String indonesianPeak(Series series) {
        Month peak = series.peakMonth();
        return "Puncak: %s, %s kunjungan".formatted(peak.getDisplayName(TextStyle.FULL_STANDALONE, INDONESIAN),
                NumberFormat.getIntegerInstance(INDONESIAN).format(series.peakVisits()));
    }

    private static String indonesianTotal(Series series) {
        return "Total %d: %s kunjungan".formatted(series.year(),
                NumberFormat.getIntegerInstance(INDONESIAN).format(series.total()));
    }

    /** Opens the view as the URL {@code /?kabupaten=..&tahun=..} would. */
    private static void open(String district, String year) {
        UI.getCurrent().navigate(MonthlyVisitsView.class,
                QueryParameters.simple(Map.of("kabupaten", district, "tahun", year)));
    }
}
