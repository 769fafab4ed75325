package id.slrt.bench.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

/**
 * Polls the dashboard's health endpoint as an administrator, as a monitor does, and notes when each snapshot was first
 * reported ({@code components.warehouse.details.snapshot}); a poll that fails or is not UP is an error.
 */
final class SnapshotWatch implements AutoCloseable {
    private final Http http;
    private final HttpClient client;
    private final Recorder recorder;
    private final Duration every;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    SnapshotWatch(Http http, HttpClient client, Recorder recorder, Duration every) {
        this.http = http;
        this.client = client;
        this.recorder = recorder;
        this.every = every;
        this.thread = Thread.ofVirtual().name("snapshot-watch").start(this::poll);
    }

    /** @return nanoTime of the first poll that reported the snapshot, or null */
    Long firstSeen(String snapshot) {
        return firstSeen.get(snapshot);
    }

    /** Waits until a poll reports the snapshot. @return whether it did within the limit */
    boolean awaitSnapshot(String snapshot, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (firstSeen(snapshot) == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return firstSeen(snapshot) != null;
    }

    private void poll() {
        // Health names the snapshot to administrators only (anyone else gets the status): the demo admin.
        String admin = java.util.Base64.getEncoder().encodeToString(
                ("admin:" + DemoUser.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = http.request("actuator/health").header("Authorization", "Basic " + admin).GET().build();
        while (running) {
            long start = System.nanoTime();
            String problem;
            try {
                HttpResponse<String> response = http.send(client, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                problem = response.statusCode() != 200 ? "HTTP " + response.statusCode() : check(response.body());
            } catch (Http.Failure e) {
                problem = e.getMessage();
            }
            recorder.request("health", System.nanoTime() - start, problem);
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String check(String body) {
        JsonNode health;
        try {
            health = UidlAnswer.JSON.readTree(body);
        } catch (RuntimeException e) {
            return "not JSON";
        }
        String status = health.path("status").asString("");
        String snapshot = health.path("components").path("warehouse").path("details").path("snapshot").asString("");
        if (!status.equals("UP")) {
            return "status " + status + ": " + UidlAnswer.snippet(body, 0);
        }
        firstSeen.putIfAbsent(snapshot, System.nanoTime());
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        running = false; // no interrupt: a poll in flight would count as an error
        thread.join(http.timeout().plus(every).plusSeconds(1));
    }
}
