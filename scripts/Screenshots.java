import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Screenshots of every screen for docs/screenshots, from a running product (./slrt start), signed in as
 * the demo administrator, in Debian's headless chromium at 1280x800. Run by scripts/screenshots.sh.
 */
public class Screenshots {
    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        Map<String, String> views = new LinkedHashMap<>();
        views.put("national", "/?dari=2018-01&sampai=2018-12");
        views.put("map", "/peta?dari=2019-01&sampai=2019-12&ukuran=visits_per_1000_poor&tingkat=kabupaten");
        views.put("map-province", "/peta?dari=2019-01&sampai=2019-12&provinsi=34&ukuran=completion_rate");
        views.put("district-visits", "/kabupaten?kabupaten=3404&tahun=2018");
        views.put("district-outlook", "/kabupaten?kabupaten=3404&tahun=2019");
        views.put("alerts", "/peringatan?dari=2019-01&sampai=2019-12&ukuran=visits");
        views.put("annotations", "/catatan?dari=2019-01&sampai=2019-12");
        views.put("referrals", "/rujukan?dari=2018-01&sampai=2018-12&provinsi=34");
        views.put("quality", "/kualitas?dari=2019-01&sampai=2019-12");
        views.put("reach", "/jangkauan?dari=2019-01&sampai=2019-12");
        views.put("reports", "/laporan?wilayah=34&tahun=2018&sampai=2018");
        views.put("operations", "/operasional");
        Path profile = Files.createTempDirectory("slrt-screenshots-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,800",
                "--user-data-dir=" + profile);
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build(), options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(base + "/login");
            wait.until(d -> d.findElements(By.cssSelector("input[name=username]")).isEmpty() ? null : true);
            browser.findElement(By.cssSelector("input[name=username]")).sendKeys("admin");
            browser.findElement(By.cssSelector("input[name=password]")).sendKeys("slrt-demo");
            browser.findElement(By.cssSelector("vaadin-login-form vaadin-button")).click();
            wait.until(d -> d.getCurrentUrl().contains("/login") ? null : true);
            for (var view : views.entrySet()) {
                browser.get(base + view.getValue());
                wait.until(d -> d.findElements(By.id("title")).isEmpty() ? null : true);
                Thread.sleep(4000); // Highcharts' animations
                Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(shot, Path.of("docs/screenshots", view.getKey() + ".png"), StandardCopyOption.REPLACE_EXISTING);
                System.out.println("screenshot " + view.getKey() + ": " + base + view.getValue());
            }
        } finally {
            browser.quit();
        }
    }
}
