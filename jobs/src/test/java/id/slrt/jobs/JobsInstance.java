package id.slrt.jobs;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.jobs.runs.Run;
import id.slrt.jobs.runs.RunRecords;
import org.quartz.Scheduler;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One real jobs service (Spring Boot, Quartz on the JDBC store, the web port; each ETL attempt a real
 * child JVM with local Spark) on a test's folders. Several may share one {@link Store}, as two instances of the service share a database.
 */
final class JobsInstance implements AutoCloseable {
    static final String TOKEN = "test-token";

    /** Folders and the database several instances share. */
    record Store(Path dir) {
        static Store create() {
            try {
                return new Store(Files.createTempDirectory("slrt-jobs-test"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path inbox() {
            return dir.resolve("inbox");
        }

        Path warehouse() {
            return dir.resolve("warehouse");
        }

        Path state() {
            return dir.resolve("state");
        }

        Path passwordFile() {
            return dir.resolve("db-password");
        }

        /** The ETL processes' log. */
        Path etlLog() {
            return dir.resolve("logs").resolve("etl.log");
        }

        /** A small year of sample exports. */
        Store withSampleExports() {
            new SampleGenerator(Regions.load(Path.of("../data/reference")))
                    .generate(new SampleGenerator.Options(inbox(), 5, 0.002, 2018, 2018));
            return this;
        }
    }

    final ConfigurableApplicationContext context;

    private JobsInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static JobsInstance start(Store store, Map<String, String> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("slrt.etl.inbox", store.inbox().toString());
        properties.put("slrt.etl.warehouse", store.warehouse().toString());
        properties.put("slrt.etl.reference", Path.of("../data/reference").toAbsolutePath().normalize().toString());
        properties.put("slrt.etl.state", store.state().toString());
        properties.put("slrt.etl.spark-master", "local[2]");
        properties.put("slrt.etl.run-on-start", "false");
        properties.put("slrt.etl.retry-backoff", "");
        properties.put("slrt.jobs.api-token", TOKEN);
        // Embedded, as in production: instances in one JVM share the open database.
        properties.put("spring.datasource.url", "jdbc:h2:file:" + store.dir().resolve("scheduler").toAbsolutePath());
        properties.put("slrt.jobs.database-password-file", store.passwordFile().toString());
        properties.put("slrt.etl.jvm.log", store.etlLog().toString());
        // The ETL's own JVM: the sample exports need little.
        properties.put("slrt.etl.jvm.max-heap", "2g");
        // A short-lived JVM on a small sample spends more CPU compiling with C2 than it gains (a cold run:
        // 83 s of CPU, 45 s wall by default; 48 s and 35 s with C1 alone). Production keeps the default.
        properties.put("slrt.etl.jvm.options", "-XX:TieredStopAtLevel=1");
        properties.put("server.port", "0");
        // Far in the future unless a test says otherwise: only the test's own triggers fire.
        properties.put("slrt.etl.cron", "0 0 3 1 1 ? 2099");
        properties.putAll(overrides);
        // As command-line arguments: they win over application.yml, as a deployment's would.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new JobsInstance(new SpringApplicationBuilder(JobsApplication.class).run(args));
    }

    Scheduler scheduler() {
        return context.getBean(Scheduler.class);
    }

    RunRecords records() {
        return context.getBean(RunRecords.class);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The ETL's child JVMs of this test JVM (the service runs in it). */
    static List<ProcessHandle> etlProcesses() {
        return ProcessHandle.current().descendants().filter(p -> commandLine(p).contains("id.slrt.etl.EtlMain")).toList();
    }

    /** From /proc: ProcessHandle.Info cuts a command line as long as the child's classpath. */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
        } catch (IOException e) {
            return process.info().commandLine().orElse("");
        }
    }

    /** Waits until the finished runs (oldest first) satisfy {@code done}. */
    List<Run> awaitRuns(Predicate<List<Run>> done, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<Run> finished = List.of();
        while (Instant.now().isBefore(deadline)) {
            finished = new ArrayList<>(records().latest(200).stream().filter(r -> !r.running()).toList()).reversed();
            if (done.test(finished)) {
                return finished;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("runs not as expected after " + timeout + ": " + finished);
    }

    @Override
    public void close() {
        context.close();
    }
}
