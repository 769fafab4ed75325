package id.slrt.jobs;

import id.slrt.jobs.runs.Run;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The persistent job store across a restart: three cron slots pass while the service is down; the
 * restarted service runs the ETL once for them, not three times, and not zero.
 */
class MisfireTest {
    @Test
    void slotsMissedWhileDownRunOnceAtStartUp() throws Exception {
        JobsInstance.Store store = JobsInstance.Store.create().withSampleExports();
        ZonedDateTime now = Slots.startOfWindow(14);
        Map<String, String> settings = Map.of(
                "slrt.etl.cron", Slots.cron(now, List.of(8, 10, 12)),
                // Quartz counts a trigger as misfired once it is this late (a minute in production).
                "spring.quartz.properties.org.quartz.jobStore.misfireThreshold", "1000");

        try (JobsInstance before = JobsInstance.start(store, settings)) {
            assertThat(before.scheduler().getTrigger(id.slrt.jobs.etl.EtlSchedule.CRON).getNextFireTime().toInstant())
                    .isEqualTo(now.plusSeconds(8).toInstant());
        }
        Instant down = Instant.now();
        // Down over all three slots.
        Thread.sleep(Duration.between(Instant.now(), now.plusSeconds(14).toInstant()).toMillis());
        Instant restart = Instant.now();

        try (JobsInstance after = JobsInstance.start(store, settings)) {
            List<Run> runs = after.awaitRuns(r -> !r.isEmpty(), Duration.ofSeconds(600));
            // Time for a wrong second or third catch-up run to show.
            Thread.sleep(5000);
            runs = after.records().latest(10).reversed();

            assertThat(runs).hasSize(1);
            Run caughtUp = runs.getFirst();
            assertThat(caughtUp.trigger()).isEqualTo("cron");
            assertThat(caughtUp.status()).isEqualTo(Run.SUCCEEDED);
            assertThat(caughtUp.startedAt()).isAfter(restart);
            assertThat(down).isBefore(now.plusSeconds(8).toInstant());
            // The trigger is kept (not replaced, which would forget the missed slots) and has no slot left.
            assertThat(after.scheduler().getTrigger(id.slrt.jobs.etl.EtlSchedule.CRON)).isNull();
        }
    }
}
