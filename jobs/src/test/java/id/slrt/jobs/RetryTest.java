package id.slrt.jobs;

import com.sun.net.httpserver.HttpServer;
import id.slrt.jobs.runs.Run;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A run that keeps failing: retried after each back-off, then reported once to a real webhook server. */
class RetryTest {
    @Test
    void aFailingRunIsRetriedWithBackOffThenReportedToTheWebhook() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hooks/etl", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        // An empty inbox: every attempt fails with "no export files".
        JobsInstance.Store store = JobsInstance.Store.create();
        Files.createDirectories(store.inbox());
        try (JobsInstance jobs = JobsInstance.start(store, Map.of(
                "slrt.etl.retry-backoff", "1s, 2s",
                "slrt.etl.failure-webhook", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/etl"))) {
            assertThat(jobs.post("/api/runs", JobsInstance.TOKEN).statusCode()).isEqualTo(202);

            List<Run> runs = jobs.awaitRuns(r -> r.size() == 3, Duration.ofSeconds(120));

            assertThat(runs).extracting(Run::status).containsExactly(Run.RETRYING, Run.RETRYING, Run.FAILED);
            assertThat(runs).extracting(Run::attempt).containsExactly(1, 2, 3);
            assertThat(runs).allSatisfy(run -> assertThat(run.message()).contains("no export files"));
            assertThat(runs.get(0).nextAttemptAt()).isNotNull();
            assertThat(runs.get(2).nextAttemptAt()).isNull();
            // Back-off: the second attempt starts a second after the first failed, the third two seconds after.
            assertThat(Duration.between(runs.get(0).finishedAt(), runs.get(1).startedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(Duration.between(runs.get(1).finishedAt(), runs.get(2).startedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));

            for (int i = 0; i < 50 && received.isEmpty(); i++) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
            assertThat(received).hasSize(1);
            JsonNode message = JsonMapper.builder().build().readTree(received.getFirst());
            assertThat(message.get("event").asString()).isEqualTo("etl.failed");
            assertThat(message.get("attempts").asInt()).isEqualTo(3);
            assertThat(message.get("runId").asLong()).isEqualTo(runs.get(2).id());
            assertThat(message.get("text").asString()).startsWith("ETL SLRT gagal setelah 3 percobaan").contains("no export files");

            JsonNode health = JsonMapper.builder().build().readTree(jobs.get("/actuator/health", JobsInstance.TOKEN).body());
            assertThat(health.at("/components/etl/details/lastRunStatus").asString()).isEqualTo(Run.FAILED);
        } finally {
            webhook.stop(0);
        }
    }
}
