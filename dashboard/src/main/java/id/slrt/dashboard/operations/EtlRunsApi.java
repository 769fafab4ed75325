package id.slrt.dashboard.operations;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import id.slrt.dashboard.security.AuditLog;

/**
 * {@code /api/v1/etl/runs} for administrators (SecurityConfig): the scheduler's recent attempts with the
 * running one's progress, and "run now" (202, or 409 when one already waits). 503 when the jobs service
 * cannot be reached.
 */
@RestController
@RequestMapping("/api/v1/etl/runs")
class EtlRunsApi {

    private final JobsClient jobs;
    private final AuditLog audit;

    EtlRunsApi(JobsClient jobs, AuditLog audit) {
        this.jobs = jobs;
        this.audit = audit;
    }

    @GetMapping
    ResponseEntity<?> status() {
        try {
            return ResponseEntity.ok(jobs.status());
        } catch (JobsClient.Unavailable e) {
            return unavailable(e);
        }
    }

    @PostMapping
    ResponseEntity<?> runNow() {
        try {
            JobsClient.RunNow outcome = jobs.runNow();
            audit.runNow(SecurityContextHolder.getContext().getAuthentication().getName(), "api: " + outcome);
            return outcome == JobsClient.RunNow.QUEUED
                    ? ResponseEntity.accepted().body(Map.of("queued", true))
                    : ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("queued", false,
                            "message", "a run asked for on demand is already waiting or running"));
        } catch (JobsClient.Unavailable e) {
            return unavailable(e);
        }
    }

    private ResponseEntity<?> unavailable(JobsClient.Unavailable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("message",
                "the jobs service at " + jobs.url() + " cannot be asked: " + e.getMessage()));
    }
}
