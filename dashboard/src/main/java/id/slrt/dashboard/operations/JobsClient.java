package id.slrt.dashboard.operations;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The jobs service's runs API ({@code GET/POST /api/runs}), for administrators: the scheduler's recent
 * attempts with the running one's progress, and "run now". Short timeouts: the screen must not hang on
 * a jobs service that is down.
 */
@Component
public class JobsClient {

    /** One ETL attempt as the jobs service records it; counts are null until known. */
    public record Attempt(long id, String trigger, int attempt, String instance, Instant scheduledAt, Instant startedAt,
                          Instant updatedAt, Instant finishedAt, String status, String stage, Long done, Long total,
                          Long rowsSoFar, String snapshot, Long rowsRead, Long rowsAccepted, Long rowsQuarantined,
                          Instant nextAttemptAt, String message) {
        public boolean running() {
            return "RUNNING".equals(status);
        }
    }

    /** Recent attempts (newest first), whether a run asked for on demand waits, and the next cron slot. */
    public record Status(List<Attempt> runs, boolean queued, Instant nextScheduledRun) {
        public java.util.Optional<Attempt> running() {
            return runs.stream().filter(Attempt::running).findFirst();
        }
    }

    public enum RunNow { QUEUED, ALREADY_WAITING }

    /** The jobs service cannot be asked: not configured, down, or refusing the token. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final JobsProperties properties;
    private final RestClient http;

    public JobsClient(JobsProperties properties) {
        this.properties = properties;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.http = RestClient.builder().baseUrl(properties.url().toString()).requestFactory(requests)
                .defaultHeader("Authorization", "Bearer " + properties.apiToken()).build();
    }

    public boolean configured() {
        return !properties.apiToken().isBlank();
    }

    public String url() {
        return properties.url().toString();
    }

    public Status status() {
        return call(() -> http.get().uri("/api/runs?limit=10").retrieve().body(Status.class));
    }

    public RunNow runNow() {
        return call(() -> {
            try {
                http.post().uri("/api/runs").retrieve().toBodilessEntity();
                return RunNow.QUEUED;
            } catch (RestClientResponseException e) {
                if (e.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
                    return RunNow.ALREADY_WAITING;
                }
                throw e;
            }
        });
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        if (!configured()) {
            throw new Unavailable("slrt.jobs.api-token is not set", null);
        }
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            throw new Unavailable(e.getStatusCode().value() + " " + e.getResponseBodyAsString(), e);
        } catch (RestClientException e) {
            throw new Unavailable(e.getMostSpecificCause().getMessage(), e);
        }
    }
}
