package id.slrt.jobs;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A jobs service started without an API token is closed to everyone but the probes. */
class EmptyTokenTest {
    @Test
    void anEmptyTokenClosesEverythingButTheProbesAndTheBareStatus() throws Exception {
        try (JobsInstance closed = JobsInstance.start(JobsInstance.Store.create(), Map.of("slrt.jobs.api-token", ""))) {
            for (String path : AdminTokenTest.CLOSED) {
                assertThat(closed.get(path, "").statusCode()).as(path).isEqualTo(403);
                assertThat(closed.get(path, null).statusCode()).as(path).isEqualTo(403);
            }
            assertThat(closed.get("/api/runs", JobsInstance.TOKEN).statusCode()).isEqualTo(403);
            assertThat(closed.post("/api/runs", JobsInstance.TOKEN).statusCode()).isEqualTo(403);
            assertThat(closed.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
            assertThat(JsonMapper.builder().build().readTree(closed.get("/actuator/health", null).body())
                    .has("components")).isFalse();
        }
    }
}
