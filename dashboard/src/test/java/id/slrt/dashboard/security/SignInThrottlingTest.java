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

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.slrt.dashboard.testing.ServerTest;
import id.slrt.dashboard.testing.SharedWarehouse;

/**
 * Password guessing over real HTTP, at the API's HTTP Basic and the login form: after the configured
 * number of failures the user (or the address) is locked out, the right password included, with 429 and
 * Retry-After for the API; X-Forwarded-For does not give an attacker new addresses. Its own context:
 * the lockouts must not reach the other tests' server (every test client is 127.0.0.1).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"slrt.security.sign-in.max-failures-per-user=3", "slrt.security.sign-in.max-failures-per-address=12"})
@ActiveProfiles("demo")
@Order(2) // its own Spring context; see junit-platform.properties
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInThrottlingTest {

    private static final Path AUDIT_LOG = SharedWarehouse.standard().resolveSibling(
            SharedWarehouse.standard().getFileName() + "-throttling-audit.log");
    private static final String API = "/api/v1/visits/monthly?district=3404&year=2018";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void paths(DynamicPropertyRegistry registry) {
        registry.add("slrt.warehouse", () -> SharedWarehouse.standard().toString());
        registry.add("slrt.security.audit-log", AUDIT_LOG::toString);
    }

    @Test
    @Order(1)
    void apiGuessesLockTheUserOutWith429AndRetryAfterEvenForTheRightPassword() throws Exception {
        assertThat(get("admin", "wrong-1", null).statusCode()).isEqualTo(401);
        assertThat(get("admin", "wrong-2", null).statusCode()).isEqualTo(401);
        assertThat(get("admin", "wrong-3", null).statusCode()).isEqualTo(401);

        HttpResponse<String> locked = get("admin", ServerTest.DEMO_PASSWORD, null);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(locked.body()).contains("\"status\":429").contains("terlalu banyak percobaan masuk")
                .contains("too many failed sign-ins");
        // The actuator's HTTP Basic is the same door.
        assertThat(actuator("admin", ServerTest.DEMO_PASSWORD).statusCode()).isEqualTo(429);
        // Other users are not affected.
        assertThat(get("nasional", ServerTest.DEMO_PASSWORD, null).statusCode()).isEqualTo(200);
        assertThat(Files.readString(AUDIT_LOG)).contains("LOCKOUT\tuser admin\tfor 60 s");
    }

    @Test
    @Order(2)
    void formGuessesLockTheUserOutEvenForTheRightPassword() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(SignInForm.post(port, "bappeda-diy", "wrong-" + i)).endsWith("/login?error");
        }
        assertThat(SignInForm.post(port, "bappeda-diy", ServerTest.DEMO_PASSWORD)).endsWith("/login?error");
        assertThat(Files.readString(AUDIT_LOG)).contains("LOCKOUT\tuser bappeda-diy\tfor 60 s");
        // Another user signs in through the form as before.
        assertThat(SignInForm.post(port, "kadis-sleman", ServerTest.DEMO_PASSWORD)).doesNotContain("error");
    }

    @Test
    @Order(3)
    void rotatingUserNamesAndForwardedForHeadersStillLockTheAddressOut() throws Exception {
        // 12 per address: 6 failures so far (3 API, 3 form) from 127.0.0.1; six more, each claiming another address.
        for (int i = 0; i < 6; i++) {
            assertThat(get("guess-" + i, "x", "203.0.113." + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = get("nasional", ServerTest.DEMO_PASSWORD, "198.51.100.1");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Files.readString(AUDIT_LOG)).contains("LOCKOUT\taddress 127.0.0.1");
    }

    private HttpResponse<String> get(String user, String password, String forwardedFor) throws IOException, InterruptedException {
        return send(API, user, password, forwardedFor);
    }

    private HttpResponse<String> actuator(String user, String password) throws IOException, InterruptedException {
        return send("/actuator/metrics", user, password, null);
    }

    private HttpResponse<String> send(String path, String user, String password, String forwardedFor)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
