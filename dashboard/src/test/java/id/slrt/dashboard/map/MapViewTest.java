package id.slrt.dashboard.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.StandardWarehouseTest;

/** The map screen over the fixture warehouse (DI Yogyakarta's districts have visits), server-side. */
class MapViewTest extends StandardWarehouseTest {

    private static final Pattern PATH = Pattern.compile("<path class=\"region\" data-code=\"(\\d+)\" fill=\"([^\"]+)\"");
    private static final Locale INDONESIAN = Languages.INDONESIAN;

    @Test
    @WithMockUser(username = "nasional", authorities = "ROLE_NATIONAL")
    @SuppressWarnings("unchecked")
    void theNationalMapHas38ProvincesColouredAsTheTableSaysAndEachLinksToItsDistricts() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12"));
        Map<String, String> fills = fills();
        assertThat(fills).hasSize(38).allSatisfy((code, fill) -> assertThat(code).hasSize(2));
        // DI Yogyakarta: visits per 1,000 poor residents, from plain SQL over the same Parquet.
        double expected = Oracle.number(SharedWarehouse.standard(), "SELECT sum(visits) FROM {visits_monthly}"
                + " WHERE province_code = '34' AND year = 2018") * 1000.0 / Oracle.number(SharedWarehouse.standard(),
                "SELECT sum(poor_population) FROM {poverty} WHERE province_code = '34'"
                        + " AND year = (SELECT max(year) FROM {poverty})");
        Grid<MapDrawing.Shown> table = $(Grid.class).id("map-table");
        MapDrawing.Shown diy = table.getListDataView().getItems().filter(s -> s.code().equals("34")).findFirst().orElseThrow();
        assertThat(diy.text()).isEqualTo(Languages.decimal(expected, INDONESIAN));
        assertThat(fills.get("34")).isEqualTo(diy.colour()).startsWith("#");
        // A province without a visit in the period: hatched, not the colour of zero.
        assertThat(fills.get("11")).isEqualTo("url(#no-activity)");
        assertThat(svg()).contains("<a href=\"peta?").contains("provinsi=34").contains("aria-label=\"DI Yogyakarta: ");
    }

    @Test
    @WithMockUser(username = "nasional", authorities = "ROLE_NATIONAL")
    @SuppressWarnings("unchecked")
    void aProvinceShowsItsDistrictsEachLinkedToItsDistrictPageWithTheMeasureOfTheUrl() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12", "provinsi", "34", "ukuran", "completion_rate"));
        Map<String, String> fills = fills();
        assertThat(fills.keySet()).containsExactlyInAnyOrder("3401", "3402", "3403", "3404", "3471");
        assertThat(svg()).contains("href=\"kabupaten?kabupaten=3404&amp;tahun=2018\"");
        List<List<String>> rates = Oracle.rows(SharedWarehouse.standard(), "SELECT district_code, sum(completed)::DOUBLE"
                + " / sum(referred) FROM {referrals_monthly} WHERE year = 2018 AND province_code = '34'"
                + " GROUP BY 1 HAVING sum(referred) > 0");
        Grid<MapDrawing.Shown> table = $(Grid.class).id("map-table");
        assertThat(rates).isNotEmpty();
        for (List<String> rate : rates) {
            MapDrawing.Shown shown = table.getListDataView().getItems().filter(s -> s.code().equals(rate.get(0))).findFirst().orElseThrow();
            assertThat(shown.text()).isEqualTo(Languages.percent(Double.parseDouble(rate.get(1)), INDONESIAN));
            assertThat(fills.get(rate.get(0))).isEqualTo(shown.colour());
        }
        assertThat(UI.getCurrent().getActiveViewLocation().getQueryParameters().getParameters())
                .containsEntry(MapView.MEASURE_PARAM, List.of("completion_rate"));
    }

    @Test
    @WithMockUser(username = "bappeda-diy", authorities = {"ROLE_PROVINCE", "REGION_34"})
    @SuppressWarnings("unchecked")
    void theShareCompletedWithinTheServiceLevelTargetIsAMeasureToo() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12", "ukuran", "within_sla"));
        List<List<String>> shares = Oracle.rows(SharedWarehouse.standard(), "SELECT district_code,"
                + " sum(completed_within_sla)::DOUBLE / sum(completed) FROM {referrals_monthly}"
                + " WHERE year = 2018 AND province_code = '34' GROUP BY 1 HAVING sum(completed) > 0");
        Grid<MapDrawing.Shown> table = $(Grid.class).id("map-table");
        assertThat(shares).isNotEmpty();
        for (List<String> share : shares) {
            assertThat(table.getListDataView().getItems().filter(s -> s.code().equals(share.get(0))).findFirst()
                    .orElseThrow().text()).isEqualTo(Languages.percent(Double.parseDouble(share.get(1)), INDONESIAN));
        }
    }

    @Test
    @WithMockUser(username = "kadis-sleman", authorities = {"ROLE_DISTRICT", "REGION_3404"})
    void aDistrictHeadSeesTheirDistrictAmongItsNeighboursWithoutTheNeighboursNumbers() {
        open(Map.of("dari", "2018-01", "sampai", "2018-12"));
        Map<String, String> fills = fills();
        assertThat(fills.keySet()).containsExactlyInAnyOrder("3401", "3402", "3403", "3404", "3471");
        assertThat(fills.get("3471")).isEqualTo(MapDrawing.OUT_OF_SCOPE);
        assertThat(fills.get("3404")).startsWith("#").isNotEqualTo(MapDrawing.OUT_OF_SCOPE);
        String svg = svg();
        // Kota Yogyakarta had visits in 2018: its name is on the map, its number nowhere in the page.
        assertThat(svg).containsOnlyOnce("<a href=").contains("kabupaten=3404");
        assertThat(svg).doesNotContain("Yogyakarta: ").doesNotContain("Bantul: ");
        @SuppressWarnings("unchecked")
        Grid<MapDrawing.Shown> table = $(Grid.class).id("map-table");
        assertThat(table.getListDataView().getItems().map(MapDrawing.Shown::code)).containsExactly("3404");
    }

    @Test
    void theNationalDistrictMapStaysSmallOnTheWire() {
        Outlines outlines = new Outlines();
        Outlines.View districts = outlines.view(null, true);
        Outlines.View provinces = outlines.view(null, false);
        assertThat(districts.paths()).hasSize(514).allSatisfy((code, d) -> assertThat(d).startsWith("M").endsWith("Z"));
        assertThat(provinces.paths()).hasSize(38);
        int districtBytes = districts.paths().values().stream().mapToInt(String::length).sum();
        int provinceBytes = provinces.paths().values().stream().mapToInt(String::length).sum();
        System.out.printf("outlines as SVG paths: 514 districts %,d bytes, 38 provinces %,d bytes%n", districtBytes, provinceBytes);
        // The source is 3.1 MB of GeoJSON for the districts: simplified for the map's size, a small fraction.
        assertThat(districtBytes).isLessThan(600_000);
        assertThat(provinceBytes).isLessThan(districtBytes);
    }

    @Test
    void simplifyingKeepsARingWithinTheToleranceWithFewerPoints() {
        double[] ring = new double[202];
        for (int i = 0; i < 101; i++) {
            double a = 2 * Math.PI * i / 100;
            ring[2 * i] = 100 * Math.cos(a) + (i % 2) * 0.01;
            ring[2 * i + 1] = 100 * Math.sin(a);
        }
        double[] kept = Outlines.simplify(ring, 1.0);
        assertThat(kept.length).isLessThan(ring.length / 2);
        assertThat(kept[0]).isEqualTo(ring[0]);
        assertThat(kept[kept.length - 2]).isEqualTo(ring[ring.length - 2]);
        // Every original point stays within the tolerance of the kept outline's circle (radius 100).
        for (int i = 0; i < kept.length; i += 2) {
            assertThat(Math.hypot(kept[i], kept[i + 1])).isBetween(99.0, 101.0);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    MapDownloadController downloads;

    @Test
    @WithMockUser(username = "nasional", authorities = "ROLE_NATIONAL")
    void theDownloadIsTheSameMapAsAnSvgFileWithTheSourceAndTheBoundaryAttribution() {
        var answer = downloads.download("2018-01", "2018-12", null, null, "completion_rate", null, "id");
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getFirst("Content-Disposition")).contains("slrt-peta-completion_rate-nasional.svg");
        String svg = new String((byte[]) answer.getBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(PATH.matcher(svg).results().count()).isEqualTo(38);
        assertThat(svg).startsWith("<?xml").contains("Sumber: SLRT Monitor, snapshot ").contains(Outlines.ATTRIBUTION)
                .contains("Tingkat penyelesaian rujukan, Nasional, Januari 2018 – Desember 2018");
    }

    @Test
    @WithMockUser(username = "kadis-sleman", authorities = {"ROLE_DISTRICT", "REGION_3404"})
    void badDownloadParametersAreRefusedNamingThemAndAnotherProvinceIsDenied() {
        Map<String, String[]> cases = Map.of(
                "dari", new String[] {"2018-13", "2018-12", null, null, null, null, null},
                "sampai", new String[] {"2018-01", null, null, null, null, null, null},
                "provinsi", new String[] {"2018-01", "2018-12", "3'4", null, null, null, null},
                "program", new String[] {"2018-01", "2018-12", null, "KIS<script>", null, null, null},
                "ukuran", new String[] {"2018-01", "2018-12", null, null, "people", null, null},
                "tingkat", new String[] {"2018-01", "2018-12", null, null, null, "desa", null},
                "bahasa", new String[] {"2018-01", "2018-12", null, null, null, null, "fr"});
        cases.forEach((name, a) -> org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> downloads.download(a[0], a[1], a[2], a[3], a[4], a[5], a[6]))
                .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(name));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> downloads.download("2018-01", "2018-12", "33", null, null, null, null))
                .isInstanceOf(id.slrt.dashboard.security.AccessDenied.class);
        String own = new String((byte[]) downloads.download("2018-01", "2018-12", null, null, null, null, null).getBody(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(own).contains("Kab. Sleman: ").doesNotContain("Yogyakarta: ").doesNotContain("Bantul: ");
    }

    @Test
    @WithMockUser(username = "nasional", authorities = "ROLE_NATIONAL")
    void theNationalPageHasAMapPanelOfItsRankingsRegionsLinkingToTheMapScreen() {
        UI.getCurrent().navigate(id.slrt.dashboard.national.NationalView.class,
                QueryParameters.simple(Map.of("dari", "2018-01", "sampai", "2018-12")));
        String panel = ((Html) $(Div.class).id("national-map").getChildren().findFirst().orElseThrow()).getInnerHtml();
        assertThat(PATH.matcher(panel).results().count()).isEqualTo(38);
        assertThat(panel).contains("href=\"peta?").contains("provinsi=34");
    }

    @org.springframework.beans.factory.annotation.Autowired
    id.slrt.dashboard.reports.BudgetReportService reports;
    @org.springframework.beans.factory.annotation.Autowired
    id.slrt.dashboard.warehouse.Warehouse warehouse;
    @org.springframework.beans.factory.annotation.Autowired
    id.slrt.dashboard.disclosure.Disclosure disclosure;

    @Test
    @WithMockUser(username = "kadis-sleman", authorities = {"ROLE_DISTRICT", "REGION_3404"})
    void theBudgetReportsPdfOpensWithTheRegionsMapAmongItsNeighboursWithoutTheirNumbers() throws Exception {
        var report = reports.report(warehouse.currentSnapshot().orElseThrow(), "3404", 2018, 2018);
        Map<String, String> fills = new java.util.TreeMap<>();
        report.map().areas().forEach(a -> fills.put(a.code(), a.fill()));
        assertThat(fills.keySet()).containsExactlyInAnyOrder("3401", "3402", "3403", "3404", "3471");
        assertThat(fills.get("3471")).isEqualTo(MapDrawing.OUT_OF_SCOPE);
        assertThat(fills.get("3404")).startsWith("#").isNotEqualTo(MapDrawing.OUT_OF_SCOPE);
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(id.slrt.dashboard.reports.BudgetReportFiles.pdf(report, disclosure))) {
            var stripper = new org.apache.pdfbox.text.PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            String first = stripper.getText(pdf);
            assertThat(first).contains("Peta: Kunjungan per 1.000 penduduk miskin").contains(Outlines.ATTRIBUTION)
                    .doesNotContain("Halaman");
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            assertThat(stripper.getText(pdf)).contains("Halaman 1");
        }
    }

    private static void open(Map<String, String> query) {
        UI.getCurrent().navigate(MapView.class, QueryParameters.simple(query));
    }

    private String svg() {
        return ((Html) $(Div.class).id("map").getChildren().findFirst().orElseThrow()).getInnerHtml();
    }

    private Map<String, String> fills() {
        Map<String, String> fills = new java.util.TreeMap<>();
        Matcher m = PATH.matcher(svg());
        while (m.find()) {
            fills.put(m.group(1), m.group(2));
        }
        return fills;
    }
}
