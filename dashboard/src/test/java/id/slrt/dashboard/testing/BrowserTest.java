package id.slrt.dashboard.testing;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * End to end: the dashboard on a real port over the standard fixture warehouse, served from the
 * production bundle that this build's {@code build-frontend} put in target/classes (the only mode in
 * which Charts draws without a licence key), opened in headless Chromium at 1280x800.
 */
// Selenium warns that it has no DevTools (CDP) bindings for this Chromium version; the tests use none.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.openqa.selenium=error")
public abstract class BrowserTest {

    protected static Chromium chromium;
    protected static WebDriver browser;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("slrt.warehouse", () -> SharedWarehouse.standard().toString());
    }

    @BeforeAll
    static void startChromium() throws IOException {
        chromium = new Chromium(1280, 800);
        browser = chromium.browser();
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }
}
