package id.slrt.jobs;

import id.slrt.jobs.runs.Run;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each ETL attempt is a child JVM: whatever happens to it ends the attempt, never the service. */
class EtlProcessTest {
    @Test
    void aKilledEtlProcessFailsItsAttemptWhichIsRetriedAndTheServiceStaysHealthy() throws Exception {
        JobsInstance.Store store = JobsInstance.Store.create().withSampleExports();
        try (JobsInstance jobs = JobsInstance.start(store, Map.of("slrt.etl.retry-backoff", "1s"))) {
            assertThat(jobs.post("/api/runs", JobsInstance.TOKEN).statusCode()).isEqualTo(202);

            // Once the child reports progress it is inside the ETL: kill -9 it.
            Instant deadline = Instant.now().plusSeconds(120);
            while (jobs.records().running().map(Run::stage).isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            List<ProcessHandle> children = JobsInstance.etlProcesses();
            assertThat(children).hasSize(1);
            assertThat(children.getFirst().destroyForcibly()).isTrue();

            List<Run> runs = jobs.awaitRuns(r -> r.size() == 2, Duration.ofSeconds(600));
            assertThat(runs).extracting(Run::status).containsExactly(Run.RETRYING, Run.SUCCEEDED);
            assertThat(runs).extracting(Run::attempt).containsExactly(1, 2);
            assertThat(runs.get(0).message()).isEqualTo("the ETL process ended with exit code 137 (killed)");
            assertThat(runs.get(1).rowsRead()).isPositive();

            var health = JsonMapper.builder().build().readTree(jobs.get("/actuator/health", JobsInstance.TOKEN).body());
            assertThat(health.get("status").asString()).isEqualTo("UP");
            assertThat(health.at("/components/etl/details/lastRunStatus").asString()).isEqualTo(Run.SUCCEEDED);
            // The service's JVM never ran Spark itself.
            assertThat(SparkSession.getDefaultSession().isEmpty()).isTrue();
            assertThat(JobsInstance.etlProcesses()).isEmpty();
            assertThat(store.etlLog()).content().contains("--- ETL run " + runs.get(1).id());
        }
    }

    @Test
    void anAttemptLongerThanTheTimeoutIsKilledAndFails() throws Exception {
        JobsInstance.Store store = JobsInstance.Store.create().withSampleExports();
        try (JobsInstance jobs = JobsInstance.start(store, Map.of("slrt.etl.jvm.timeout", "3s"))) {
            assertThat(jobs.post("/api/runs", JobsInstance.TOKEN).statusCode()).isEqualTo(202);

            Run run = jobs.awaitRuns(r -> r.size() == 1, Duration.ofSeconds(120)).getFirst();

            assertThat(run.status()).isEqualTo(Run.FAILED);
            assertThat(run.message()).isEqualTo("the ETL process ran longer than slrt.etl.jvm.timeout (PT3S) and was stopped");
            assertThat(JobsInstance.etlProcesses()).isEmpty();
            assertThat(jobs.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        }
    }
}
