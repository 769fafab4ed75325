package id.slrt.dashboard.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import id.slrt.dashboard.testing.ServerTest;

/**
 * Actuator on the real port: health's status for everyone, its details (the snapshot and the last run)
 * for administrators; the probes open; metrics for admins.
 */
@Order(Integer.MAX_VALUE) // see junit-platform.properties
class HealthTest extends ServerTest {

    @Test
    void healthNamesTheSnapshotItsAgeAndTheLastRunToAnAdministrator() throws Exception {
        HttpResponse<String> health = get("/actuator/health", "admin");
        assertThat(health.statusCode()).isEqualTo(200);
        // The fixture's snapshot and its runs table: the last run succeeded.
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"warehouse\"")
                .contains("\"snapshot\":\"snapshot-20190115T020000000Z\"").contains("\"ageMinutes\"")
                .contains("\"lastRunStatus\":\"SUCCEEDED\"");
    }

    @Test
    void anyoneElseGetsTheStatusOnly() throws Exception {
        for (String user : new String[] {null, "nasional"}) {
            HttpResponse<String> health = get("/actuator/health", user);
            assertThat(health.statusCode()).as(String.valueOf(user)).isEqualTo(200);
            // The status, and the names of the probe groups; no component, no snapshot, no run.
            assertThat(health.body()).as(String.valueOf(user)).contains("\"status\":\"UP\"")
                    .doesNotContain("components").doesNotContain("warehouse").doesNotContain("snapshot");
        }
    }

    @Test
    void theProbesAreOpenWithTheirStatus() throws Exception {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> health = get(probe, null);
            assertThat(health.statusCode()).as(probe).isEqualTo(200);
            assertThat(health.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void metricsAreForAdministrators() throws Exception {
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", "nasional").statusCode()).isEqualTo(403);
        HttpResponse<String> metrics = get("/actuator/metrics", "admin");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm.memory.used");
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
