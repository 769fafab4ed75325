package id.slrt.jobs.runs;

import id.slrt.jobs.etl.EtlSchedule;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The runs API the dashboard's operations screen uses: recent runs with the running one's progress, and
 * "run now". Every call needs {@code Authorization: Bearer <slrt.jobs.api-token>}; with no token
 * configured the API is closed (health stays open at /actuator/health).
 */
@RestController
@RequestMapping("/api/runs")
public class RunsController {
    /** What the operations screen shows: the recent runs (the running one first), the queue and the next slot. */
    public record Status(List<Run> runs, boolean queued, Instant nextScheduledRun) {
    }

    private final RunRecords records;
    private final Scheduler scheduler;
    private final byte[] token;

    public RunsController(RunRecords records, Scheduler scheduler, @Value("${slrt.jobs.api-token:}") String token) {
        this.records = records;
        this.scheduler = scheduler;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @GetMapping
    public ResponseEntity<?> status(@RequestHeader(value = "Authorization", required = false) String authorization,
                                    @RequestParam(defaultValue = "20") int limit) throws SchedulerException {
        ResponseEntity<?> refused = refused(authorization);
        if (refused != null) {
            return refused;
        }
        records.markInterrupted(Instant.now().minus(RunRecords.INSTANCE_SILENCE));
        return ResponseEntity.ok(new Status(records.latest(Math.clamp(limit, 1, 200)),
                EtlSchedule.queuedOnDemand(scheduler), EtlSchedule.nextCronRun(scheduler).orElse(null)));
    }

    /** 202 with the trigger's name, or 409 when a run asked for on demand is already waiting or running. */
    @PostMapping
    public ResponseEntity<?> runNow(@RequestHeader(value = "Authorization", required = false) String authorization)
            throws SchedulerException {
        ResponseEntity<?> refused = refused(authorization);
        if (refused != null) {
            return refused;
        }
        return EtlSchedule.runNow(scheduler)
                .<ResponseEntity<?>>map(trigger -> ResponseEntity.accepted().body(Map.of("queued", true, "trigger", trigger)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("queued", false,
                        "message", "a run asked for on demand is already waiting or running")));
    }

    private ResponseEntity<?> refused(String authorization) {
        if (token.length == 0) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message",
                    "the runs API is off: set slrt.jobs.api-token (SLRT_JOBS_API_TOKEN) here and in the dashboard"));
        }
        String prefix = "Bearer ";
        byte[] given = authorization != null && authorization.startsWith(prefix)
                ? authorization.substring(prefix.length()).getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("message", "missing or wrong API token"));
        }
        return null;
    }
}
