package id.slrt.jobs;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.etl.warehouse.Warehouse;
import id.slrt.jobs.etl.EtlSchedule;
import id.slrt.jobs.runs.RunLog;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A real Quartz scheduler firing the real ETL job (local Spark) on its cron trigger. */
@SpringBootTest
class EtlScheduleTest {
    static final Path DIR = createTempDir();
    static final Path INBOX = DIR.resolve("inbox");
    static final Path WAREHOUSE = DIR.resolve("warehouse");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        new SampleGenerator(Regions.load(Path.of("../data/reference")))
                .generate(new SampleGenerator.Options(INBOX, 5, 0.002, 2018, 2018));
        registry.add("slrt.etl.inbox", INBOX::toString);
        registry.add("slrt.etl.warehouse", WAREHOUSE::toString);
        registry.add("slrt.etl.reference", () -> "../data/reference");
        registry.add("slrt.etl.run-log", () -> DIR.resolve("runs.tsv").toString());
        registry.add("slrt.etl.state", () -> DIR.resolve("state").toString());
        registry.add("slrt.etl.spark-master", () -> "local[2]");
        registry.add("slrt.etl.run-on-start", () -> "false");
        // Every 3 seconds, so the test sees the cron trigger itself fire.
        registry.add("slrt.etl.cron", () -> "0/3 * * * * ?");
    }

    @Autowired
    Scheduler scheduler;
    @Autowired
    RunLog runLog;

    @Test
    void theCronTriggerRunsTheEtlAndTheRunIsRecorded() throws Exception {
        Trigger cron = scheduler.getTrigger(org.quartz.TriggerKey.triggerKey("cron"));
        assertThat(cron.getJobKey()).isEqualTo(EtlSchedule.JOB);

        List<String> runs = awaitRuns(1, Duration.ofSeconds(120));

        String[] first = runs.get(0).split("\t", -1);
        assertThat(first[2]).isEqualTo("SUCCEEDED");
        assertThat(first[3]).isEqualTo("cron");
        Warehouse warehouse = new Warehouse(WAREHOUSE);
        assertThat(warehouse.current()).isPresent();
        long read = Long.parseLong(first[5]);
        assertThat(read).isEqualTo(Long.parseLong(first[6]) + Long.parseLong(first[7]));

        // The published snapshot holds what the run log says was accepted.
        Path snapshot = WAREHOUSE.resolve(first[4]);
        try (var c = DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement();
             var rs = s.executeQuery("SELECT sum(visits) FROM read_parquet('" + snapshot + "/visits_monthly/*.parquet')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(Long.parseLong(first[6]));
        }
    }

    @Test
    void runNowQueuesAnExtraRun() throws Exception {
        int before = runLog.lines().size();
        EtlSchedule.runNow(scheduler, "on-demand");

        List<String> runs = awaitRuns(before + 1, Duration.ofSeconds(120));

        assertThat(runs).anySatisfy(line -> assertThat(line).contains("\tSUCCEEDED\ton-demand-"));
    }

    private List<String> awaitRuns(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<String> lines = runLog.lines();
            if (lines.size() >= count && (count == 1 || lines.stream().anyMatch(l -> l.contains("on-demand")))) {
                return lines;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("fewer than " + count + " ETL runs after " + timeout + ": " + runLog.lines());
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("slrt-jobs-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
