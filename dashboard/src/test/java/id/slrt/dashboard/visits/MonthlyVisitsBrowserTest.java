package id.slrt.dashboard.visits;

import org.junit.jupiter.api.Order;
import static id.slrt.dashboard.testing.WarehouseFixture.SLEMAN_2018;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import id.slrt.dashboard.testing.BrowserTest;

/**
 * End to end (see {@link BrowserTest}): the district chart drawn by Highcharts in Chromium, with the
 * peak month highlighted and Indonesian labels. Leaves {@code target/screenshots/district-visits.png}.
 */
@Order(Integer.MAX_VALUE) // see junit-platform.properties
class MonthlyVisitsBrowserTest extends BrowserTest {

    private static final Duration DRAW_TIMEOUT = Duration.ofSeconds(60);

    // The chart's columns and data labels, in its shadow DOM (or light DOM, should a version render
    // it there). Highcharts fades the labels in once the columns have grown to full height, so
    // "drawn" means: labels group fully opaque. Label text without the outline copy Highcharts adds.
    private static final String DRAWN_CHART = """
            const chart = document.querySelector('vaadin-chart#visits-chart');
            if (!chart) { return null; }
            for (const root of [chart.shadowRoot, chart]) {
              if (!root) { continue; }
              const points = root.querySelectorAll('.highcharts-series .highcharts-point');
              if (!points.length) { continue; }
              const group = root.querySelector('.highcharts-data-labels');
              const labels = root.querySelectorAll('.highcharts-data-labels .highcharts-data-label text');
              return {
                fills: Array.from(points, p => p.getAttribute('fill')),
                labels: Array.from(labels, l => Array.from(l.childNodes)
                    .filter(n => !(n.classList && n.classList.contains('highcharts-text-outline')))
                    .map(n => n.textContent).join('').replace(/\u200B/g, '')),
                finished: !!group && Number(group.getAttribute('opacity') ?? getComputedStyle(group).opacity) === 1
              };
            }
            return null;
            """;

    @Test
    void drawsTheMonthlyChartWithThePeakHighlightedInChromium() throws IOException {
        browser.get("http://127.0.0.1:" + port + "/?kabupaten=3404&tahun=2018");

        WebDriverWait wait = new WebDriverWait(browser, DRAW_TIMEOUT);
        Map<?, ?> drawn = wait.until(driver -> {
            Object result = ((JavascriptExecutor) driver).executeScript(DRAWN_CHART);
            return result instanceof Map<?, ?> chart && chart.get("fills") instanceof List<?> fills && fills.size() == 12
                    && chart.get("labels") instanceof List<?> labels && labels.size() == 12
                    && Boolean.TRUE.equals(chart.get("finished")) ? chart : null;
        });
        String peakText = wait.until(driver -> {
            Object text = ((JavascriptExecutor) driver).executeScript(
                    "const p = document.getElementById('peak-text'); return p ? p.textContent : null;");
            return text instanceof String s && !s.isBlank() ? s : null;
        });
        chromium.screenshot("district-visits");

        assertThat(peakText).isEqualTo("Puncak: Juni, 3.416 kunjungan");
        List<?> fills = (List<?>) drawn.get("fills");
        List<?> labels = (List<?>) drawn.get("labels");
        int peakIndex = SLEMAN_2018.peakMonth().getValue() - 1;
        String peakColour = MonthlyVisitsView.PEAK_COLOUR_HEX;
        for (int i = 0; i < 12; i++) {
            if (i == peakIndex) {
                assertThat(fills.get(i)).as("fill of the peak month").isEqualTo(peakColour);
            } else {
                assertThat(fills.get(i)).as("fill of month %d", i + 1).isNotEqualTo(peakColour);
            }
        }
        // Highcharts formats its labels in Indonesian too: a dot between thousands.
        assertThat(labels.get(peakIndex)).isEqualTo(
                NumberFormat.getIntegerInstance(Locale.of("id", "ID")).format(SLEMAN_2018.peakVisits()));
    }
}
