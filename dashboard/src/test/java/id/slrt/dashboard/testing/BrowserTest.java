package id.slrt.dashboard.testing;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.WebDriver;

/**
 * End to end: the dashboard served from the production bundle that this build's {@code build-frontend}
 * put in target/classes (the only mode in which Charts draws without a licence key), opened in headless
 * Chromium at 1280x800 and signed in as the demo administrator.
 */
public abstract class BrowserTest extends ServerTest {

    protected static Chromium chromium;
    protected static WebDriver browser;

    @BeforeAll
    static void startChromium() throws IOException {
        chromium = new Chromium(1280, 800);
        browser = chromium.browser();
    }

    /** Signs in through the login form (once per browser), as the demo administrator: every screen. */
    @BeforeEach
    void signIn() {
        if (!signedIn) {
            signIn(browser, port, "admin");
            signedIn = true;
        }
    }

    private static boolean signedIn;

    public static void signIn(WebDriver driver, int port, String user) {
        driver.get("http://127.0.0.1:" + port + "/login");
        var wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(60));
        var name = wait.until(d -> d.findElements(org.openqa.selenium.By.cssSelector("input[name=username]")).stream()
                .findFirst().orElse(null));
        name.sendKeys(user);
        driver.findElement(org.openqa.selenium.By.cssSelector("input[name=password]")).sendKeys(DEMO_PASSWORD);
        driver.findElement(org.openqa.selenium.By.cssSelector("vaadin-button[slot=submit], vaadin-login-form vaadin-button"))
                .click();
        wait.until(d -> d.getCurrentUrl().contains("/login") ? null : true);
    }

    @AfterAll
    static void stopChromium() {
        signedIn = false;
        if (chromium != null) {
            chromium.close();
        }
    }
}
