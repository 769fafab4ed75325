package id.slrt.dashboard.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import id.slrt.dashboard.testing.BrowserTest;
import id.slrt.dashboard.testing.Chromium;

/**
 * End to end in headless Chromium (see {@link BrowserTest}): the map's shapes are elements of the page, a
 * click on a province shows its districts, a click on a district opens its page, and a district head's page
 * holds no neighbour's number. Prints how long the national district map takes to draw, warm, and its size.
 */
@Order(Integer.MAX_VALUE) // see junit-platform.properties
class MapBrowserTest extends BrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SHAPES = """
            return Array.from(document.querySelectorAll('#map svg path.region'),
                p => [p.getAttribute('data-code'), p.getAttribute('fill')]);
            """;

    @Test
    void aClickOnAProvinceShowsItsDistrictsAndASecondClickOpensTheDistrictPage() throws IOException {
        browser.get(url("/peta?dari=2018-01&sampai=2018-12"));
        Map<String, String> provinces = shapes(browser, 38);
        assertThat(provinces).containsKey("34").containsEntry("11", "url(#no-activity)");
        assertThat(provinces.get("34")).startsWith("#");
        chromium.screenshot("map-national");

        click("34");
        new WebDriverWait(browser, TIMEOUT).until(d -> d.getCurrentUrl().contains("provinsi=34"));
        Map<String, String> districts = shapes(browser, 5);
        assertThat(districts.keySet()).containsExactlyInAnyOrder("3401", "3402", "3403", "3404", "3471");
        // The colours are the table's (MapViewTest): here, that the districts with visits are coloured.
        assertThat(districts.get("3404")).startsWith("#");

        click("3404");
        new WebDriverWait(browser, TIMEOUT).until(d -> d.getCurrentUrl().contains("/kabupaten?kabupaten=3404&tahun=2018"));
    }

    @Test
    void theNationalDistrictMapIsDrawnWithAll514ShapesAndItsSizeAndTimeArePrinted() {
        String url = url("/peta?dari=2018-01&sampai=2018-12&tingkat=kabupaten");
        browser.get(url);
        shapes(browser, 514); // cold: the outlines are read and simplified once
        long start = System.nanoTime();
        browser.get(url);
        shapes(browser, 514);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Object size = ((JavascriptExecutor) browser).executeScript("return document.querySelector('#map svg').outerHTML.length");
        System.out.printf("national district map, warm: %d ms from navigation to 514 shapes; SVG %,d characters%n",
                millis, ((Number) size).longValue());
    }

    @Test
    void aDistrictHeadsPageHoldsNoNeighboursNumber() throws IOException {
        try (Chromium other = new Chromium(1280, 800)) {
            WebDriver sleman = other.browser();
            signIn(sleman, port, "kadis-sleman");
            sleman.get(url("/peta?dari=2018-01&sampai=2018-12"));
            Map<String, String> shapes = shapes(sleman, 5);
            assertThat(shapes.get("3471")).isEqualTo(MapDrawing.OUT_OF_SCOPE);
            // Each shape's title is its name, and only Sleman's carries a value.
            Object titles = ((JavascriptExecutor) sleman).executeScript(
                    "return Array.from(document.querySelectorAll('#map svg path.region title'), t => t.textContent);");
            assertThat((List<?>) titles).hasSize(5).filteredOn(t -> t.toString().contains(": ")).singleElement()
                    .asString().startsWith("Kab. Sleman: ");
            String page = sleman.getPageSource();
            for (String neighbour : List.of("Yogyakarta: ", "Bantul: ", "Kulon Progo: ", "Gunungkidul: ")) {
                assertThat(page).as(neighbour).doesNotContain(neighbour);
            }
        }
    }

    /** A real click on the region's shape, scrolled into the middle of the window first. */
    private static void click(String code) {
        var shape = browser.findElement(By.cssSelector("#map svg path.region[data-code='" + code + "']"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'});", shape);
        shape.click();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> shapes(WebDriver driver, int count) {
        List<List<String>> found = new WebDriverWait(driver, TIMEOUT).until(d -> {
            Object result = ((JavascriptExecutor) d).executeScript(SHAPES);
            return result instanceof List<?> list && list.size() == count ? (List<List<String>>) result : null;
        });
        Map<String, String> shapes = new java.util.TreeMap<>();
        found.forEach(s -> shapes.put(s.get(0), s.get(1)));
        return shapes;
    }
}
