package id.slrt.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.slrt.dashboard.testing.ServerTest;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.WarehouseFixture;

/**
 * The demo profile while running: its users sign in over the sample data; once the ETL publishes a
 * snapshot that is not the sample data, every demo sign-in is refused (HTTP Basic, remembered or not,
 * and the login form), audited, and stays refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Order(2) // its own Spring context; see junit-platform.properties
class DemoSignInsTest {

    private static final Path DIR = tempDir();
    private static final Path WAREHOUSE = WarehouseFixture.build(DIR.resolve("warehouse"));
    private static final Path AUDIT_LOG = DIR.resolve("audit.log");
    private static final String API = "/api/v1/visits/monthly?district=3404&year=2018";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void paths(DynamicPropertyRegistry registry) {
        registry.add("slrt.warehouse", WAREHOUSE::toString);
        registry.add("slrt.security.audit-log", AUDIT_LOG::toString);
    }

    @Test
    void demoSignInsStopForGoodOnceRealDataIsPublished() throws Exception {
        assertThat(basic("admin", API).statusCode()).isEqualTo(200);
        assertThat(form("kadis-sleman", ServerTest.DEMO_PASSWORD)).doesNotContain("error");
        // A browser signed in before, whose session is still open.
        HttpClient browser = SignInForm.client();
        assertThat(SignInForm.post(browser, port, "bappeda-diy", ServerTest.DEMO_PASSWORD)).doesNotContain("error");
        assertThat(page(browser, "/laporan/unduh").statusCode()).isNotIn(302, 401, 403);

        // The ETL publishes a run over real exports.
        WarehouseFixture.publish(WAREHOUSE, "snapshot-20190116T020000000Z", WarehouseFixture.ALL, false);

        HttpResponse<String> refused = basic("admin", API);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("pengguna demo dinonaktifkan").contains("demo users are switched off");
        assertThat(basic("nasional", API).statusCode()).isEqualTo(401);
        assertThat(form("kadis-sleman", ServerTest.DEMO_PASSWORD)).endsWith("/login?error");
        assertThat(Files.readString(AUDIT_LOG)).contains("DEMO_CLOSED\tdemo users\tsnapshot snapshot-20190116T020000000Z");
        // The session signed in before ends at its next request: sent to the login page.
        HttpResponse<String> after = page(browser, "/laporan/unduh");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");

        // Even when sample data comes back, the demo stays closed until a restart (which then checks again).
        WarehouseFixture.publish(WAREHOUSE, "snapshot-20190117T020000000Z", WarehouseFixture.ALL, true);
        assertThat(basic("admin", API).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> basic(String user, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + ServerTest.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> page(HttpClient browser, String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the login form as the browser does; returns where the dashboard sends the browser next. */
    private String form(String user, String password) throws IOException, InterruptedException {
        return SignInForm.post(port, user, password);
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("slrt-demo-sign-ins-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> SharedWarehouse.deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
