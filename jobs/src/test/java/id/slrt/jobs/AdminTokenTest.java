package id.slrt.jobs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The jobs service is for administrators: all but the probes and the bare health status need the token. */
class AdminTokenTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    public static final List<String> CLOSED = List.of("/api/runs", "/actuator/metrics", "/actuator/metrics/jvm.memory.used",
            "/actuator/health/etl", "/actuator", "/anything-else");
    static JobsInstance jobs;

    @BeforeAll
    static void start() {
        jobs = JobsInstance.start(JobsInstance.Store.create(), Map.of());
    }

    @AfterAll
    static void stop() {
        jobs.close();
    }

    @Test
    void withoutTheTokenMetricsRunsAndHealthDetailsAnswer401AsJson() throws Exception {
        for (String path : CLOSED) {
            for (String token : new String[] {null, "wrong", ""}) {
                HttpResponse<String> response = jobs.get(path, token);
                assertThat(response.statusCode()).as(path).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
                assertThat(JSON.readTree(response.body()).get("message").asString()).isEqualTo("missing or wrong API token");
            }
        }
        assertThat(jobs.post("/api/runs", null).statusCode()).isEqualTo(401);
    }

    @Test
    void probesAndTheBareHealthStatusStayOpenWithoutDetails() throws Exception {
        assertThat(jobs.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(jobs.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> health = jobs.get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode status = JSON.readTree(health.body());
        assertThat(status.get("status").asString()).isEqualTo("UP");
        assertThat(status.has("components")).isFalse();
        assertThat(health.body()).doesNotContain("snapshot", "nextScheduledRun");
    }

    @Test
    void theTokenOpensMetricsAndHealthDetails() throws Exception {
        assertThat(jobs.get("/actuator/metrics/jvm.memory.used", JobsInstance.TOKEN).statusCode()).isEqualTo(200);
        assertThat(jobs.get("/api/runs", JobsInstance.TOKEN).statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(jobs.get("/actuator/health", JobsInstance.TOKEN).body());
        assertThat(health.at("/components/etl/details/snapshot").asString()).isEqualTo("none");
    }
}
