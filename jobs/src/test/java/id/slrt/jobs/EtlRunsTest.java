package id.slrt.jobs;

import id.slrt.jobs.runs.Run;
import id.slrt.warehouse.Snapshots;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One real jobs service: its cron slot, "run now" through its API with progress, and its health. */
class EtlRunsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static JobsInstance.Store store;
    static JobsInstance jobs;
    static ZonedDateTime slot;

    @BeforeAll
    static void start() throws InterruptedException {
        store = JobsInstance.Store.create().withSampleExports();
        ZonedDateTime now = Slots.startOfWindow(12);
        slot = now.plusSeconds(12);
        jobs = JobsInstance.start(store, Map.of("slrt.etl.cron", Slots.cron(now, List.of(12))));
    }

    @AfterAll
    static void stop() {
        jobs.close();
    }

    @Test
    void theCronSlotRunsTheEtlAndRunNowComesThroughTheApiWithItsProgress() throws Exception {
        List<Run> first = jobs.awaitRuns(runs -> !runs.isEmpty(), Duration.ofSeconds(600));
        Run cron = first.getFirst();
        assertThat(cron.trigger()).isEqualTo("cron");
        assertThat(cron.scheduledAt()).isEqualTo(slot.toInstant());
        assertThat(cron.status()).isEqualTo(Run.SUCCEEDED);
        assertThat(cron.rowsRead()).isEqualTo(cron.rowsAccepted() + cron.rowsQuarantined()).isPositive();
        // The published snapshot holds what the run record says was accepted.
        assertThat(new Snapshots(store.warehouse()).current()).contains(cron.snapshot());
        try (var c = DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement();
             var rs = s.executeQuery("SELECT sum(visits) FROM read_parquet('"
                     + store.warehouse().resolve(cron.snapshot()) + "/visits_monthly/*.parquet')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(cron.rowsAccepted());
        }

        // Run now: refused without the token, accepted once with it, and its progress readable while it runs.
        assertThat(jobs.post("/api/runs", null).statusCode()).isEqualTo(401);
        assertThat(jobs.post("/api/runs", "wrong").statusCode()).isEqualTo(401);
        // A second copy of an export: its rows are read again (and quarantined as duplicates).
        Path export = firstVisitsFile();
        Files.copy(export, export.resolveSibling(export.getFileName().toString().replace(".csv", " (1).csv")));
        HttpResponse<String> queued = jobs.post("/api/runs", JobsInstance.TOKEN);
        assertThat(queued.statusCode()).isEqualTo(202);
        assertThat(jobs.post("/api/runs", JobsInstance.TOKEN).statusCode()).isEqualTo(409);

        List<String> seen = new ArrayList<>();
        String health = null;
        while (true) {
            JsonNode status = JSON.readTree(jobs.get("/api/runs", JobsInstance.TOKEN).body());
            JsonNode latest = status.get("runs").get(0);
            if (latest.get("trigger").asString().startsWith("on-demand-")) {
                if (!latest.get("status").asString().equals(Run.RUNNING)) {
                    break;
                }
                if (!latest.get("stage").isNull()) {
                    seen.add(latest.get("stage").asString());
                    if (health == null) {
                        health = jobs.get("/actuator/health", JobsInstance.TOKEN).body();
                    }
                }
            }
            Thread.sleep(100);
        }
        assertThat(seen).isNotEmpty();
        List<String> order = List.of("SCANNING", "STAGING", "BUILDING", "PUBLISHING");
        assertThat(seen.stream().map(order::indexOf).toList()).isSorted();
        assertThat(health).contains("\"running\"");

        Run onDemand = jobs.records().latest(1).getFirst();
        assertThat(onDemand.status()).isEqualTo(Run.SUCCEEDED);
        assertThat(onDemand.stage()).isEqualTo("PUBLISHING");
        assertThat(onDemand.rowsRead()).isGreaterThan(cron.rowsRead());
    }

    @Test
    void healthAndMetricsSayWhatTheSnapshotAndTheLastRunAreToTheTokensHolder() throws Exception {
        jobs.awaitRuns(runs -> !runs.isEmpty(), Duration.ofSeconds(600));
        HttpResponse<String> response = jobs.get("/actuator/health", JobsInstance.TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode etl = JSON.readTree(response.body()).get("components").get("etl");
        assertThat(etl.get("status").asString()).isEqualTo("UP");
        JsonNode details = etl.get("details");
        assertThat(details.get("snapshot").asString()).isEqualTo(new Snapshots(store.warehouse()).current().orElseThrow());
        assertThat(details.get("snapshotAgeMinutes").asLong()).isBetween(0L, 5L);
        assertThat(details.get("lastRunStatus").asString()).isIn(Run.SUCCEEDED, Run.UNCHANGED);
        assertThat(jobs.get("/actuator/metrics/jvm.memory.used", JobsInstance.TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aRunWhoseServiceDiedIsMarkedInterruptedNotRunningForever() throws Exception {
        var jdbc = jobs.context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
        String live = jobs.scheduler().getSchedulerInstanceId();
        String insert = "INSERT INTO ETL_RUNS (TRIGGER_NAME, ATTEMPT, INSTANCE_ID, STARTED_AT, UPDATED_AT, STATUS)"
                + " VALUES ('test-' || ?, 1, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'RUNNING')";
        jdbc.update(insert, "dead", "an-instance-that-was-killed");
        jdbc.update(insert, "live", live);
        try {
            assertThat(jobs.get("/api/runs", JobsInstance.TOKEN).statusCode()).isEqualTo(200);
            assertThat(jdbc.queryForObject("SELECT STATUS FROM ETL_RUNS WHERE TRIGGER_NAME = 'test-dead'", String.class))
                    .isEqualTo(Run.INTERRUPTED);
            // The live instance checks in: its run is still running.
            assertThat(jdbc.queryForObject("SELECT STATUS FROM ETL_RUNS WHERE TRIGGER_NAME = 'test-live'", String.class))
                    .isEqualTo(Run.RUNNING);
        } finally {
            jdbc.update("DELETE FROM ETL_RUNS WHERE TRIGGER_NAME LIKE 'test-%'");
        }
    }

    private static Path firstVisitsFile() throws IOException {
        try (var files = Files.walk(store.inbox())) {
            return files.filter(p -> p.getFileName().toString().startsWith("kunjungan")).findFirst().orElseThrow();
        }
    }
}
