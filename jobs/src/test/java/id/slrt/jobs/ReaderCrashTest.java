package id.slrt.jobs;

import id.slrt.etl.ingest.ExportReader;
import id.slrt.jobs.runs.Run;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export that runs the ETL's JVM out of memory while it is read (a real OutOfMemoryError in a child
 * with a small heap): each crashed attempt is recorded and retried while the service stays up; the file
 * is then read alone, named, and left out so that the run publishes the rest.
 */
class ReaderCrashTest {
    static final String CULPRIT = "3404/kunjungan_besar.csv";

    @Test
    void anExportThatRunsTheReaderOutOfMemoryIsNamedAndTheRunPublishesWithoutIt() throws Exception {
        JobsInstance.Store store = JobsInstance.Store.create().withSampleExports();
        writeLargeVisitsExport(store.inbox().resolve(CULPRIT));
        try (JobsInstance jobs = JobsInstance.start(store, Map.of(
                "slrt.etl.retry-backoff", "1s, 1s, 1s",
                // Enough for Spark and the sample exports, far too little for the large file's records.
                "slrt.etl.jvm.max-heap", "768m"))) {
            assertThat(jobs.post("/api/runs", JobsInstance.TOKEN).statusCode()).isEqualTo(202);

            List<Run> runs = jobs.awaitRuns(r -> !r.isEmpty() && !r.getLast().status().equals(Run.RETRYING),
                    Duration.ofSeconds(900));

            // Crashed with the others in flight, then crashed again read alone: two attempts; then left out.
            assertThat(runs).extracting(Run::status).containsExactly(Run.RETRYING, Run.RETRYING, Run.SUCCEEDED);
            assertThat(runs.subList(0, 2)).allSatisfy(run -> assertThat(run.message())
                    .isEqualTo("the ETL process ended with exit code 3 (out of memory; slrt.etl.jvm.max-heap is 768m)"));
            Run published = runs.get(2);
            assertThat(published.message()).isEqualTo("published without " + CULPRIT
                    + ": the reader stopped while reading this file in an earlier attempt");
            assertThat(published.rowsRead()).isPositive();

            HttpHealth health = HttpHealth.of(jobs);
            assertThat(health.status()).isEqualTo("UP");
            assertThat(health.etl().get("readerCrashed").toString()).contains(CULPRIT);

            try (var c = DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT status, reason FROM read_parquet('" + store.warehouse()
                         .resolve(published.snapshot()) + "/files/*.parquet') WHERE path = '" + CULPRIT + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("REJECTED");
                assertThat(rs.getString(2)).isEqualTo("READER_CRASHED");
            }
        }
    }

    private record HttpHealth(String status, JsonNode etl) {
        static HttpHealth of(JobsInstance jobs) throws Exception {
            JsonNode health = JsonMapper.builder().build().readTree(jobs.get("/actuator/health", JobsInstance.TOKEN).body());
            return new HttpHealth(health.get("status").asString(), health.at("/components/etl/details"));
        }
    }

    /** A valid visits export, large but under the reader's size limit, whose records fill a small heap. */
    static void writeLargeVisitsExport(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        long size = Math.min(200L * 1024 * 1024, ExportReader.MAX_FILE_BYTES - 1024 * 1024);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("No Kunjungan;Tgl Kunjungan;Kode Desa;Tempat Layanan;Saluran;NIK;No. KK;Nama Lengkap;ID DTKS;JK;"
                    + "Tgl Lahir;Difabel;Jenis Kebutuhan;Program Bantuan\n");
            long written = 0;
            for (int i = 0; written < size; i++) {
                String line = "3404-201806-" + i + ";2018-06-12;3404072005;PUSKESOS;FASILITATOR;3404076502768407;"
                        + "3404073918147623;Nama Contoh;;P;1976-02-25;T;LAINNYA;INFORMASI\n";
                out.write(line);
                written += line.length();
            }
        }
    }
}
