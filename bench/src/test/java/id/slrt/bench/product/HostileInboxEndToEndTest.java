package id.slrt.bench.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.slrt.etl.hostile.HostileExports;
import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile corpus through the product as ./slrt start runs it: the jobs service's runnable jar runs
 * the ETL (in a JVM of its own) over sample data mixed with every hostile export we know, then the
 * dashboard serves the result to a configured administrator. Every file ends accepted or rejected with
 * its reason, the service stays healthy, and none of the planted personal data is found in any table,
 * log, health answer or API answer: only the ETL's state folder keeps raw text.
 */
class HostileInboxEndToEndTest {
    static final Path JOBS_JAR = RunNowEndToEndTest.JOBS_JAR;
    static final Path DASHBOARD_JAR = RunNowEndToEndTest.DASHBOARD_JAR;
    static final Path REFERENCE = RunNowEndToEndTest.REFERENCE;
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** This test's configured administrator (the dashboard refuses the demo's password outside the demo). */
    static final String ADMIN_PASSWORD = "e2e-" + Long.toHexString(System.nanoTime());
    static final String ADMIN_HASH = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(ADMIN_PASSWORD);
    static final String QUARANTINED_NIK = "3402015503770042";
    static final String QUARANTINED_NAME = "Wagiyem Karantina";
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aHostileInboxThroughTheJobsServiceEndsEveryFileWithAReasonAndLeaksNoPersonalData(@TempDir Path dir)
            throws Exception {
        Path inbox = dir.resolve("inbox");
        Path warehouse = dir.resolve("warehouse");
        Path state = dir.resolve("state");
        new SampleGenerator(Regions.load(REFERENCE)).generate(
                new SampleGenerator.Options(inbox, 5, 0.002, 2018, 2018, true, true));
        Map<String, HostileExports.Expected> expected = HostileExports.write(inbox);
        // A quarantined row (its date does not exist) carrying a person of its own: the state keeps its raw
        // text for the operator, nothing else may.
        Files.writeString(inbox.resolve("3402").resolve("kunjungan_tanggal_salah.csv"),
                "id_kunjungan,tanggal_kunjungan,kode_wilayah,lokasi_layanan,kanal,nik,no_kk,nama,id_dtks,jenis_kelamin,"
                        + "tanggal_lahir,disabilitas,kebutuhan,program\n"
                        + "Q-1,2018-02-30,3402,SEKRETARIAT,DATANG_LANGSUNG," + QUARANTINED_NIK + ",3402019912310001,"
                        + QUARANTINED_NAME + ",,P,1977-03-21,T,KESEHATAN,KIS\n", StandardCharsets.UTF_8);
        List<String> markers = new ArrayList<>(HostileExports.PII);
        markers.addAll(List.of(QUARANTINED_NIK, QUARANTINED_NAME));
        String token = "e2e-" + System.nanoTime();
        Map<String, String> env = Map.of("SLRT_JOBS_API_TOKEN", token);

        try (ServiceProcess jobs = ServiceProcess.start("jobs", JOBS_JAR, dir, env, List.of(
                "--slrt.etl.inbox=" + inbox, "--slrt.etl.warehouse=" + warehouse, "--slrt.etl.reference=" + REFERENCE,
                "--slrt.etl.state=" + state.resolve("etl"), "--slrt.etl.spark-master=local[2]",
                // A small sample in a short-lived JVM: C1 alone costs less CPU (JobsInstance says how much).
                "--slrt.etl.jvm.options=-XX:TieredStopAtLevel=1",
                "--slrt.etl.run-on-start=true", "--spring.datasource.url=jdbc:h2:file:" + state.resolve("jobs/scheduler")))) {
            jobs.awaitHealthy(Duration.ofSeconds(120));
            JsonNode run = awaitFinishedRun(jobs, token, Duration.ofMinutes(8));
            assertThat(run.get("status").asString()).as(jobs.tail()).isEqualTo("SUCCEEDED");
            assertThat(run.get("rowsRead").asLong())
                    .isEqualTo(run.get("rowsAccepted").asLong() + run.get("rowsQuarantined").asLong()).isPositive();

            // Every hostile file ends as the corpus says, with its reason; every file balances.
            String snapshot = Files.readString(warehouse.resolve("CURRENT")).strip();
            Map<String, List<String>> files = filesTable(warehouse.resolve(snapshot));
            expected.forEach((path, outcome) -> assertThat(files.get(path)).as(path).isNotNull()
                    .startsWith(outcome.status(), String.valueOf(outcome.reason())));
            assertThat(files.values()).allSatisfy(f -> assertThat(f.get(2)).as("balance " + f).isEqualTo("true"));

            // The service outlived the run and answers its probes.
            assertThat(get(jobs.url("/actuator/health/liveness"), null).statusCode()).isEqualTo(200);
            assertThat(get(jobs.url("/actuator/health"), "Bearer " + token).body()).contains("\"UP\"");

            // The demo users are refused on real exports: the dashboard does not start with them.
            ServiceProcess demo = ServiceProcess.start("dashboard-demo", DASHBOARD_JAR, dir, env, List.of(
                    "--spring.profiles.active=demo", "--slrt.warehouse=" + warehouse,
                    "--slrt.security.audit-log=" + dir.resolve("audit-demo.log")));
            try (demo) {
                assertThat(demo.awaitExit(Duration.ofSeconds(120))).as(demo.tail()).isNotZero();
            }

            List<String> answers = new ArrayList<>();
            try (ServiceProcess dashboard = ServiceProcess.start("dashboard", DASHBOARD_JAR, dir, env, List.of(
                    "--slrt.warehouse=" + warehouse, "--slrt.security.audit-log=" + dir.resolve("audit.log"),
                    "--slrt.jobs.url=" + jobs.url(""),
                    "--slrt.security.users[0].username=admin", "--slrt.security.users[0].password=" + ADMIN_HASH,
                    "--slrt.security.users[0].role=ADMIN", "--slrt.security.users[0].name=Administrator"))) {
                dashboard.awaitHealthy(Duration.ofSeconds(120));
                String admin = "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
                for (String path : List.of("/actuator/health", "/api/v1/visits/monthly?district=3402&year=2018",
                        "/api/v1/visits/monthly?district=3404&year=2018&format=csv",
                        "/api/v1/referrals/outcomes?district=3402&year=2018",
                        "/api/v1/reports/budget?region=34&year=2018&format=csv", "/api/v1/regions")) {
                    HttpResponse<String> answer = get(dashboard.url(path), admin);
                    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isLessThan(500);
                    answers.add(answer.body());
                }
            }
            for (String marker : markers) {
                assertThat(answers).as("API and health answers").noneMatch(a -> contains(a, marker));
            }
        }

        // Nothing personal anywhere but the ETL's state: every table, every log, the job store.
        for (String marker : markers) {
            assertThat(tablesContaining(warehouse, 2, marker)).as("warehouse tables with " + marker).isEmpty();
            assertThat(filesContaining(dir, marker, List.of(inbox, state.resolve("etl"), warehouse)))
                    .as("files outside the inbox and the ETL's state with " + marker).isEmpty();
        }
        // ...while the state keeps the quarantined row's raw text: the same search finds it there.
        Path raw = state.resolve("etl").resolve("raw");
        assertThat(tablesContaining(raw, 1, QUARANTINED_NIK)).isNotEmpty();
        assertThat(tablesContaining(raw, 1, QUARANTINED_NAME)).isNotEmpty();
    }

    private JsonNode awaitFinishedRun(ServiceProcess jobs, String token, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> status = get(jobs.url("/api/runs"), "Bearer " + token);
            if (status.statusCode() == 200) {
                JsonNode runs = JSON.readTree(status.body()).get("runs");
                if (!runs.isEmpty() && !runs.get(0).get("status").asString().equals("RUNNING")) {
                    return runs.get(0);
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no finished run within " + limit + ":\n" + jobs.tail());
    }

    private HttpResponse<String> get(java.net.URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** path to (status, reason, balanced) of the snapshot's files table. */
    private static Map<String, List<String>> filesTable(Path snapshot) throws Exception {
        Map<String, List<String>> files = new LinkedHashMap<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement();
             ResultSet rows = statement.executeQuery("SELECT path, status, reason, coalesce(records, 0) = rows_read"
                     + " AND rows_read = rows_accepted + rows_quarantined FROM read_parquet('"
                     + snapshot.resolve("files").resolve("*.parquet") + "')")) {
            while (rows.next()) {
                files.put(rows.getString(1), List.of(rows.getString(2), String.valueOf(rows.getString(3)),
                        String.valueOf(rows.getBoolean(4))));
            }
        }
        return files;
    }

    /**
     * Folders of Parquet {@code depth} levels below {@code root} (a warehouse's snapshot tables: 2) whose
     * any cell, as text, holds the marker (case-insensitive).
     */
    private static List<String> tablesContaining(Path root, int depth, String marker) throws Exception {
        List<String> found = new ArrayList<>();
        List<Path> tables;
        try (Stream<Path> walk = Files.walk(root, depth)) {
            tables = walk.filter(p -> !p.equals(root) && root.relativize(p).getNameCount() == depth
                    && Files.isDirectory(p)).toList();
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement()) {
            for (Path table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM read_parquet('" + table.resolve("*.parquet")
                        + "') t WHERE lower(CAST(t AS VARCHAR)) LIKE '%" + marker.toLowerCase(Locale.ROOT).replace("'", "''") + "%'")) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        found.add(root.relativize(table).toString());
                    }
                }
            }
        }
        return found;
    }

    /** Files below {@code dir}, outside {@code skip}, whose bytes hold the marker (case-insensitive). */
    private static List<String> filesContaining(Path dir, String marker, List<Path> skip) throws IOException {
        List<String> found = new ArrayList<>();
        byte[] needle = marker.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> skip.stream().noneMatch(p::startsWith)).toList();
        }
        for (Path file : files) {
            if (Files.size(file) > 512L * 1024 * 1024) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (text.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                found.add(dir.relativize(file).toString());
            }
        }
        return found;
    }

    private static boolean contains(String text, String marker) {
        return text.toLowerCase(Locale.ROOT).contains(marker.toLowerCase(Locale.ROOT));
    }
}
