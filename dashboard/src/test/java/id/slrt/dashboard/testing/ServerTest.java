package id.slrt.dashboard.testing;

import java.nio.file.Path;

import org.junit.jupiter.api.Order;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard on a real port over the standard fixture warehouse, with the demo profile's users
 * (password {@value #DEMO_PASSWORD}) and the audit log in a temporary file. One Spring context for all
 * subclasses (browser and API tests), run last (see junit-platform.properties).
 */
// Selenium warns that it has no DevTools (CDP) bindings for this Chromium version; the tests use none.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.openqa.selenium=error")
@ActiveProfiles("demo")
@Order(Integer.MAX_VALUE)
public abstract class ServerTest {

    /** The password of every demo user (application-demo.yml). */
    public static final String DEMO_PASSWORD = "slrt-demo";
    public static final Path AUDIT_LOG = SharedWarehouse.standard().resolveSibling(
            SharedWarehouse.standard().getFileName() + "-audit.log");

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("slrt.warehouse", () -> SharedWarehouse.standard().toString());
        registry.add("slrt.jobs.url", () -> JobsApiDouble.instance().url());
        registry.add("slrt.jobs.api-token", () -> JobsApiDouble.TOKEN);
        registry.add("slrt.security.audit-log", AUDIT_LOG::toString);
    }
}
