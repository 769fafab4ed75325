package id.slrt.jobs.runs;

import id.slrt.jobs.etl.EtlSchedule;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The runs API the dashboard's operations screen uses: recent runs with the running one's progress, and
 * "run now". Administrators only: {@link id.slrt.jobs.security.AdminToken} checks the bearer token.
 */
@RestController
@RequestMapping("/api/runs")
public class RunsController {
    /** What the operations screen shows: the recent runs (the running one first), the queue and the next slot. */
    public record Status(List<Run> runs, boolean queued, Instant nextScheduledRun) {
    }

    private final RunRecords records;
    private final Scheduler scheduler;

    public RunsController(RunRecords records, Scheduler scheduler) {
        this.records = records;
        this.scheduler = scheduler;
    }

    @GetMapping
    public ResponseEntity<?> status(@RequestParam(defaultValue = "20") int limit) throws SchedulerException {
        records.markInterrupted(Instant.now().minus(RunRecords.INSTANCE_SILENCE));
        return ResponseEntity.ok(new Status(records.latest(Math.clamp(limit, 1, 200)),
                EtlSchedule.queuedOnDemand(scheduler), EtlSchedule.nextCronRun(scheduler).orElse(null)));
    }

    /** 202 with the trigger's name, or 409 when a run asked for on demand is already waiting or running. */
    @PostMapping
    public ResponseEntity<?> runNow() throws SchedulerException {
        return EtlSchedule.runNow(scheduler)
                .<ResponseEntity<?>>map(trigger -> ResponseEntity.accepted().body(Map.of("queued", true, "trigger", trigger)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("queued", false,
                        "message", "a run asked for on demand is already waiting or running")));
    }
}
