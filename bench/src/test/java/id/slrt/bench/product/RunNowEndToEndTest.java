package id.slrt.bench.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two services together, as ./slrt start runs them (their runnable jars, each in its own JVM): an
 * administrator asks the dashboard's API for an ETL run now, watches its progress through the dashboard,
 * and the dashboard then serves the snapshot the run published. (In the reactor, jobs and dashboard are
 * packaged before bench's tests run.)
 */
class RunNowEndToEndTest {
    static final Path JOBS_JAR = Path.of("..", "jobs", "target", "slrt-jobs.jar");
    static final Path DASHBOARD_JAR = Path.of("..", "dashboard", "target", "slrt-dashboard-exec.jar");
    static final Path REFERENCE = Path.of("..", "data", "reference").toAbsolutePath().normalize();
    static final JsonMapper JSON = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAdministratorRunsTheEtlNowWatchesItAndTheDashboardServesItsSnapshot(@TempDir Path dir) throws Exception {
        assertThat(JOBS_JAR).isRegularFile();
        assertThat(DASHBOARD_JAR).isRegularFile();
        Path inbox = dir.resolve("inbox");
        Path warehouse = dir.resolve("warehouse");
        new SampleGenerator(Regions.load(REFERENCE)).generate(new SampleGenerator.Options(inbox, 5, 0.002, 2018, 2018));
        Map<String, String> token = Map.of("SLRT_JOBS_API_TOKEN", "e2e-" + System.nanoTime());

        try (ServiceProcess jobs = ServiceProcess.start("jobs", JOBS_JAR, dir, token, List.of(
                "--slrt.etl.inbox=" + inbox, "--slrt.etl.warehouse=" + warehouse, "--slrt.etl.reference=" + REFERENCE,
                "--slrt.etl.state=" + dir.resolve("state"), "--slrt.etl.spark-master=local[2]",
                // A small sample in a short-lived JVM: C1 alone costs less CPU (JobsInstance says how much).
                "--slrt.etl.jvm.options=-XX:TieredStopAtLevel=1",
                "--slrt.etl.run-on-start=false", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("scheduler")));
             ServiceProcess dashboard = ServiceProcess.start("dashboard", DASHBOARD_JAR, dir, token, List.of(
                     "--spring.profiles.active=demo", "--slrt.warehouse=" + warehouse,
                     "--slrt.security.audit-log=" + dir.resolve("audit.log"), "--slrt.jobs.url=" + jobs.url("")))) {
            jobs.awaitHealthy(Duration.ofSeconds(120));
            dashboard.awaitHealthy(Duration.ofSeconds(120));
            assertThat(warehouseSnapshot(dashboard)).isEqualTo("none");

            assertThat(send(dashboard, "nasional", "POST").statusCode()).isEqualTo(403);
            HttpResponse<String> queued = send(dashboard, "admin", "POST");
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            assertThat(send(dashboard, "admin", "POST").statusCode()).isEqualTo(409);

            // Progress, read through the dashboard while the run goes on.
            List<String> stages = new ArrayList<>();
            JsonNode run = null;
            Instant deadline = Instant.now().plusSeconds(180);
            while (Instant.now().isBefore(deadline)) {
                HttpResponse<String> status = send(dashboard, "admin", "GET");
                assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
                JsonNode runs = JSON.readTree(status.body()).get("runs");
                if (!runs.isEmpty()) {
                    run = runs.get(0);
                    if (!run.get("status").asString().equals("RUNNING")) {
                        break;
                    }
                    if (!run.get("stage").isNull()) {
                        stages.add(run.get("stage").asString());
                    }
                }
                Thread.sleep(200);
            }
            assertThat(run).as(jobs.tail()).isNotNull();
            assertThat(run.get("status").asString()).as(jobs.tail()).isEqualTo("SUCCEEDED");
            assertThat(run.get("trigger").asString()).startsWith("on-demand-");
            assertThat(stages).as("stages seen while running").isNotEmpty();
            assertThat(run.get("rowsRead").asLong())
                    .isEqualTo(run.get("rowsAccepted").asLong() + run.get("rowsQuarantined").asLong()).isPositive();

            // The dashboard switches to the published snapshot by itself.
            String snapshot = run.get("snapshot").asString();
            Instant until = Instant.now().plusSeconds(30);
            while (!warehouseSnapshot(dashboard).equals(snapshot) && Instant.now().isBefore(until)) {
                Thread.sleep(250);
            }
            assertThat(warehouseSnapshot(dashboard)).isEqualTo(snapshot);
            // Health details are for administrators: the jobs service's token.
            JsonNode jobsHealth = JSON.readTree(http.send(HttpRequest.newBuilder(jobs.url("/actuator/health"))
                            .header("Authorization", "Bearer " + token.get("SLRT_JOBS_API_TOKEN")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).at("/components/etl/details");
            assertThat(jobsHealth.get("snapshot").asString()).isEqualTo(snapshot);
            assertThat(jobsHealth.get("lastRunStatus").asString()).isEqualTo("SUCCEEDED");
            assertThat(Files.readString(dir.resolve("audit.log"))).contains("\tRUN_NOW\tadmin\tapi: QUEUED");
        }
    }

    /** The snapshot the dashboard's health names (details are for administrators). */
    private String warehouseSnapshot(ServiceProcess dashboard) throws Exception {
        String body = http.send(HttpRequest.newBuilder(dashboard.url("/actuator/health"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:slrt-demo".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return JSON.readTree(body).at("/components/warehouse/details/snapshot").asString();
    }

    private HttpResponse<String> send(ServiceProcess dashboard, String user, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(dashboard.url("/api/v1/etl/runs"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":slrt-demo").getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
