package id.slrt.jobs;

import id.slrt.jobs.etl.EtlSchedule;
import id.slrt.jobs.runs.Run;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances of the service on one job store, each asked to run at the same moment: they take turns. */
class TwoInstancesTest {
    @Test
    void twoInstancesNeverRunTheEtlAtTheSameTime() throws Exception {
        JobsInstance.Store store = JobsInstance.Store.create().withSampleExports();
        try (JobsInstance a = JobsInstance.start(store, Map.of());
             JobsInstance b = JobsInstance.start(store, Map.of())) {
            assertThat(a.scheduler().getSchedulerInstanceId()).isNotEqualTo(b.scheduler().getSchedulerInstanceId());

            assertThat(a.post("/api/runs", JobsInstance.TOKEN).statusCode()).isEqualTo(202);
            EtlSchedule.runNow(b.scheduler(), "start-up-");

            List<Run> runs = a.awaitRuns(r -> r.size() == 2, Duration.ofSeconds(600));

            // Neither was refused by the ETL's own lock (which would mean they overlapped): Quartz kept them apart.
            assertThat(runs).extracting(Run::status).containsExactly(Run.SUCCEEDED, Run.UNCHANGED);
            assertThat(runs.get(1).startedAt()).isAfterOrEqualTo(runs.get(0).finishedAt());
            // Both instances are live members of the cluster the store records.
            Integer members = a.context.getBean(JdbcTemplate.class)
                    .queryForObject("SELECT count(*) FROM QRTZ_SCHEDULER_STATE", Integer.class);
            assertThat(members).isEqualTo(2);
        }
    }
}
