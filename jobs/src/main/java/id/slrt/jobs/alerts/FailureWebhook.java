package id.slrt.jobs.alerts;

import id.slrt.jobs.etl.EtlProperties;
import id.slrt.jobs.runs.Run;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells people when the ETL has given up: a JSON POST to {@code slrt.etl.failure-webhook}. The
 * {@code text} field makes it readable in Slack, Mattermost or Rocket.Chat incoming webhooks; the other
 * fields are for machines. A webhook that does not answer is logged, never retried: the run record
 * and the health endpoint still say the run failed.
 */
@Component
public class FailureWebhook {
    private static final Logger log = LoggerFactory.getLogger(FailureWebhook.class);

    private final URI url;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public FailureWebhook(EtlProperties properties, JsonMapper json) {
        this.url = properties.failureWebhook();
        this.json = json;
    }

    public void etlFailed(Run run) {
        if (url == null || url.toString().isBlank()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", "ETL SLRT gagal setelah " + run.attempt() + " percobaan (run " + run.id() + "): "
                + run.message() + ". Data di dasbor tetap dari snapshot sebelumnya.");
        body.put("event", "etl.failed");
        body.put("runId", run.id());
        body.put("trigger", run.trigger());
        body.put("attempts", run.attempt());
        body.put("instance", run.instance());
        body.put("startedAt", String.valueOf(run.startedAt()));
        body.put("finishedAt", String.valueOf(run.finishedAt()));
        body.put("message", run.message());
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                log.warn("failure webhook {} answered {}: {}", url, response.statusCode(), response.body());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("failure webhook {} not reached: {}", url, e.toString());
        }
    }
}
