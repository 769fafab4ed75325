package id.slrt.jobs.runs;

import id.slrt.etl.staging.ReaderCrashes;
import id.slrt.jobs.etl.EtlProperties;
import id.slrt.jobs.etl.EtlSchedule;
import id.slrt.warehouse.Snapshots;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /actuator/health} component "etl": the current snapshot and its age, the run in progress
 * (stage and counts), the last finished run, and the next scheduled one. Up while the scheduler runs,
 * even after a failed run: restarting would not fix the input; the webhook and these details tell people.
 */
@Component("etlHealthIndicator") // shown as "etl"
public class EtlHealth implements HealthIndicator {
    private final RunRecords records;
    private final Scheduler scheduler;
    private final EtlProperties properties;

    public EtlHealth(RunRecords records, Scheduler scheduler, EtlProperties properties) {
        this.records = records;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            health = scheduler.isStarted() && !scheduler.isShutdown() ? Health.up() : Health.down();
            EtlSchedule.nextCronRun(scheduler).ifPresent(t -> health.withDetail("nextScheduledRun", t.toString()));
        } catch (SchedulerException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
        Optional<String> current = new Snapshots(properties.localWarehouse()).current();
        health.withDetail("snapshot", current.orElse("none"));
        current.flatMap(name -> publishedAt()).ifPresent(t -> health.withDetail("snapshotPublishedAt", t.toString())
                .withDetail("snapshotAgeMinutes", Duration.between(t, Instant.now()).toMinutes()));
        // Exports the ETL leaves out because they stopped its reader; gone from here once removed from the inbox.
        List<String> crashed = ReaderCrashes.culprits(properties.localState()).values().stream()
                .filter(path -> Files.exists(Path.of(path))).map(this::inInbox).toList();
        if (!crashed.isEmpty()) {
            health.withDetail("readerCrashed", crashed);
        }
        records.markInterrupted(Instant.now().minus(RunRecords.INSTANCE_SILENCE));
        records.running().ifPresent(run -> health.withDetail("running", Map.of(
                "runId", run.id(), "trigger", run.trigger(), "stage", String.valueOf(run.stage()),
                "done", run.done() == null ? 0 : run.done(), "total", run.total() == null ? 0 : run.total(),
                "rows", run.rowsSoFar() == null ? 0 : run.rowsSoFar())));
        records.lastFinished().ifPresent(run -> {
            health.withDetail("lastRunStatus", run.status()).withDetail("lastRunStartedAt", run.startedAt().toString());
            if (run.finishedAt() != null) {
                health.withDetail("lastRunFinishedAt", run.finishedAt().toString());
            }
            if (run.message() != null) {
                health.withDetail("lastRunMessage", run.message());
            }
            if (run.nextAttemptAt() != null) {
                health.withDetail("nextAttemptAt", run.nextAttemptAt().toString());
            }
        });
        return health.build();
    }

    private String inInbox(String path) {
        Path file = Path.of(path);
        Path inbox = properties.localInbox().toAbsolutePath().normalize();
        return file.startsWith(inbox) ? inbox.relativize(file).toString() : file.getFileName().toString();
    }

    /** CURRENT is rewritten when a snapshot is published, so its time is the snapshot's. */
    private Optional<Instant> publishedAt() {
        try {
            FileTime time = Files.getLastModifiedTime(properties.localWarehouse().resolve(Snapshots.CURRENT));
            return Optional.of(time.toInstant());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
