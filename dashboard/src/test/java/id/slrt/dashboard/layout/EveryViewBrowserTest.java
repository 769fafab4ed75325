package id.slrt.dashboard.layout;

import org.junit.jupiter.api.Order;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.BrowserTest;
import id.slrt.dashboard.testing.Chromium;
import id.slrt.dashboard.testing.SharedWarehouse;

/**
 * End to end in headless Chromium, over the production bundle: each view opens, shows the warehouse's
 * numbers, takes a filter change into its URL, and shows the same numbers again after a reload.
 * Leaves a screenshot of each view in {@code target/screenshots/}.
 */
@Order(Integer.MAX_VALUE) // see junit-platform.properties
class EveryViewBrowserTest extends BrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final NumberFormat ID = NumberFormat.getIntegerInstance(Locale.of("id", "ID"));

    @Test
    void nationalDrillsToAProvinceKeepsItInTheUrlAndAfterAReload() throws IOException {
        open("/?dari=2018-01&sampai=2018-12");
        String visits = ID.format(oracle("SELECT sum(visits) FROM {visits_monthly} WHERE year = 2018"));
        assertThat(textOf("kpi-visits-value")).isEqualTo(visits);
        chromium.screenshot("national");

        // Click the province in the ranking: the districts of DI Yogyakarta.
        WebElement province = wait(d -> d.findElements(By.xpath("//vaadin-grid-cell-content[text()='DI Yogyakarta']"))
                .stream().findFirst().orElse(null));
        // Below the fold at 1280x800, in the app layout's own scrolling area: a DOM click, as the grid sees it.
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();",
                province);
        wait(d -> d.getCurrentUrl().contains("provinsi=34") ? true : null);
        wait(d -> d.findElements(By.xpath("//vaadin-grid-cell-content[text()='Kab. Sleman']")).isEmpty() ? null : true);
        browser.navigate().refresh();
        wait(d -> d.findElements(By.xpath("//vaadin-grid-cell-content[text()='Kab. Sleman']")).isEmpty() ? null : true);
        assertThat(browser.getCurrentUrl()).contains("provinsi=34");
        assertThat(textOf("kpi-visits-value")).isEqualTo(visits); // the province is the whole fixture
    }

    @Test
    void alertsTakeAMeasureFromThePickerAndKeepItAfterAReload() throws IOException {
        // Sleman and Kota Yogyakarta exported every month of 2018 and nothing in 2019.
        open("/peringatan?dari=2019-01&sampai=2019-12");
        wait(d -> text(d, "alerts-summary").contains("peringatan pada Nasional") ? true : null);
        chromium.screenshot("alerts");

        wait(d -> d.findElement(By.id("measure-picker"))).click();
        wait(d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                .filter(e -> e.getText().strip().equals("Tidak ada kiriman")).findFirst().orElse(null)).click();
        wait(d -> d.getCurrentUrl().contains("ukuran=no_export") ? true : null);
        wait(d -> text(d, "alerts-summary").startsWith("24 peringatan") ? true : null);
        browser.navigate().refresh();
        assertThat(textOf("alerts-summary")).startsWith("24 peringatan pada Nasional, Januari 2019 – Desember 2019: 0 lebih"
                + " tinggi dari biasanya, 0 lebih rendah, 24 bulan tanpa kiriman data.");
        assertThat(browser.getCurrentUrl()).contains("ukuran=no_export");
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('#measure-picker vaadin-select-value-button').textContent").toString().strip())
                .isEqualTo("Tidak ada kiriman");
    }

    @Test
    void referralsTakeAProgrammeFromThePickerAndKeepItAfterAReload() throws IOException {
        open("/rujukan?dari=2018-01&sampai=2018-12");
        assertThat(textOf("kpi-referred-value")).isEqualTo(ID.format(oracle(
                "SELECT sum(referred) FROM {referrals_monthly} WHERE year = 2018")));
        chromium.screenshot("referrals");

        choose("filter-programme", "SKTM");
        wait(d -> d.getCurrentUrl().contains("program=SKTM") ? true : null);
        String sktm = ID.format(oracle("SELECT sum(referred) FROM {referrals_monthly} WHERE year = 2018 AND programme = 'SKTM'"));
        wait(d -> sktm.equals(textOf("kpi-referred-value")) ? true : null);
        browser.navigate().refresh();
        assertThat(textOf("kpi-referred-value")).isEqualTo(sktm);
    }

    @Test
    void qualityShowsTheQuarantineAndTakesADistrictFromThePicker() throws IOException {
        open("/kualitas?dari=2018-01&sampai=2018-12");
        assertThat(textOf("kpi-quarantined-value")).isEqualTo(ID.format(oracle(
                "SELECT sum(rows) FROM {quarantine_monthly} WHERE year = 2018")));
        chromium.screenshot("quality");

        choose("filter-district", "Kab. Sleman (3404)");
        wait(d -> d.getCurrentUrl().contains("kabupaten=3404") ? true : null);
        String sleman = ID.format(oracle("SELECT sum(rows) FROM {quarantine_monthly} WHERE year = 2018 AND district_code = '3404'"));
        wait(d -> sleman.equals(textOf("kpi-quarantined-value")) ? true : null);
        browser.navigate().refresh();
        assertThat(textOf("kpi-quarantined-value")).isEqualTo(sleman);
    }

    @Test
    void reachCitesBpsTakesTheYearFromThePeriodAndKeepsItAfterAReload() throws IOException {
        open("/jangkauan?dari=2018-01&sampai=2018-12");
        assertThat(textOf("reach-source")).startsWith("Sumber: BPS");
        assertThat(textOf("reach-summary")).startsWith("Tahun 2018: 2 kabupaten/kota");
        chromium.screenshot("reach");

        // Only Bantul has visits in 2019.
        choose("filter-to", "Desember 2019");
        wait(d -> d.getCurrentUrl().contains("sampai=2019-12") ? true : null);
        wait(d -> textOf("reach-summary").startsWith("Tahun 2019: 1 kabupaten/kota") ? true : null);
        browser.navigate().refresh();
        assertThat(textOf("reach-summary")).startsWith("Tahun 2019: 1 kabupaten/kota");
    }

    @Test
    void theDistrictPageTakesAProgrammeAndKeepsItAfterAReload() throws IOException {
        open("/kabupaten?kabupaten=3404&tahun=2018");
        assertThat(textOf("peak-text")).isEqualTo("Puncak: Juni, 3.416 kunjungan");

        choose("filter-programme", "KIS");
        wait(d -> d.getCurrentUrl().contains("program=KIS") ? true : null);
        String kisJune = ID.format(oracle("SELECT sum(visits) FROM {visits_monthly} WHERE district_code = '3404'"
                + " AND year = 2018 AND month = 6 AND programme = 'KIS'"));
        wait(d -> textOf("peak-text").equals("Puncak: Juni, " + kisJune + " kunjungan") ? true : null);
        browser.navigate().refresh();
        assertThat(textOf("peak-text")).isEqualTo("Puncak: Juni, " + kisJune + " kunjungan");
    }

    @Test
    void theReportScreenDownloadsTheBudgetReportInTheSignedInSession() throws IOException {
        open("/laporan?wilayah=3404&tahun=2018&sampai=2018");
        wait(d -> d.findElements(By.id("download-csv")).isEmpty() ? null : true);
        // The pickers are drawn as pickers, showing the year of the URL.
        wait(d -> "2018".equals(((JavascriptExecutor) d).executeScript(
                "const i = document.querySelector('vaadin-combo-box#report-from input'); return i ? i.value : null;"))
                ? true : null);
        chromium.screenshot("reports");
        // What the link gives the browser: the CSV, through the session's sign-in (no API credentials).
        Object csv = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('download-csv').getAttribute('href'))
                    .then(r => r.text().then(t => done(r.status + ' ' + r.url + '\\n' + t)), e => done('failed: ' + e));""");
        long sleman = oracle("SELECT sum(visits) FROM {visits_monthly} WHERE year = 2018 AND district_code = '3404'");
        assertThat(csv.toString()).contains("Laporan SLRT untuk perencanaan anggaran: Kab. Sleman (3404), 2018")
                .contains("3404,Kab. Sleman (3404),Total," + sleman + ",");
    }

    @Test
    void operationsListsTheRuns() throws IOException {
        open("/operasional");
        wait(d -> d.findElements(By.xpath("//vaadin-grid-cell-content[text()='Berhasil']")).isEmpty() ? null : true);
        assertThat(textOf("operations-snapshot")).startsWith("Ditampilkan: snapshot-20190115T020000000Z");
        chromium.screenshot("operations");
    }

    @Test
    void theDistrictPageFitsATabletWidth() throws IOException {
        try (Chromium tablet = new Chromium(820, 1180)) {
            WebDriver narrow = tablet.browser();
            signIn(narrow, port, "nasional");
            narrow.get("http://127.0.0.1:" + port + "/kabupaten?kabupaten=3404&tahun=2018");
            new WebDriverWait(narrow, TIMEOUT).until(d -> text(d, "working-day-text").isBlank() ? null : true);
            Object overflow = ((JavascriptExecutor) narrow).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).longValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
            assertThat(text(narrow, "working-day-text")).startsWith("Juni 2018: 3.416 kunjungan dalam");
            tablet.screenshot("district-tablet");
        }
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
        wait(d -> d.findElements(By.id("title")).isEmpty() ? null : true);
    }

    /** Types into a Vaadin combo box and commits with Enter, as a user does. */
    private void choose(String comboId, String label) {
        WebElement input = wait(d -> d.findElements(By.cssSelector("vaadin-combo-box#" + comboId + " input")).stream()
                .findFirst().orElse(null));
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE); // what the picker shows now
        input.sendKeys(label);
        wait(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).isEmpty() ? null : true);
        input.sendKeys(Keys.ENTER);
    }

    private String textOf(String id) {
        return wait(d -> {
            String t = text(d, id);
            return t.isBlank() ? null : t;
        });
    }

    private static String text(WebDriver driver, String id) {
        Object t = ((JavascriptExecutor) driver).executeScript(
                "const e = document.getElementById(arguments[0]); return e ? e.textContent : '';", id);
        return t == null ? "" : t.toString();
    }

    private <T> T wait(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, TIMEOUT).until(condition::apply);
    }

    private static long oracle(String sql) {
        return Oracle.number(SharedWarehouse.standard(), sql);
    }
}
