package id.slrt.jobs.etl;

import id.slrt.etl.Etl;
import id.slrt.etl.EtlMain;
import id.slrt.etl.runs.Progress;
import id.slrt.etl.runs.ReportLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One ETL attempt in its own JVM ({@code EtlMain etl --report-lines true}), so that an export that runs
 * Spark out of memory, or a crash of the JVM, ends that attempt and never the service. Progress and the
 * report come back as lines on the child's standard output; its log (standard error) is appended to
 * {@code slrt.etl.jvm.log}. The child is killed, with anything it started, when it outlives
 * {@code slrt.etl.jvm.timeout} or when the service shuts down.
 */
@Component
public class EtlProcess {
    /** HotSpot's exit status under {@code -XX:+ExitOnOutOfMemoryError}; Spark's own handler uses 52. */
    static final int OUT_OF_MEMORY = 3;
    private static final int SPARK_OUT_OF_MEMORY = 52;
    private static final Logger log = LoggerFactory.getLogger(EtlProcess.class);

    private final EtlProperties properties;
    private final JsonMapper json;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public EtlProcess(EtlProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** Runs one attempt; throws with a message for the run record when it fails. */
    public Etl.Report run(long runId, Progress progress) {
        EtlProperties.Jvm jvm = properties.jvm();
        Path logFile = jvm.log().toAbsolutePath().normalize();
        Process process;
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "--- ETL run " + runId + ", " + Instant.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command())
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // The environment is inherited (SLRT_PSEUDONYM_KEY among it); Spark binds loopback only.
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ETL process: " + e.getMessage(), e);
        }
        running.add(process);
        try {
            if (closing) {
                killTree(process);
            }
            Outcome outcome = new Outcome();
            Thread reader = Thread.ofVirtual().name("etl-process-" + runId)
                    .start(() -> read(process, progress, outcome));
            boolean ended = process.waitFor(jvm.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                killTree(process);
                process.waitFor();
            }
            reader.join(Duration.ofSeconds(30));
            int exit = process.exitValue();
            if (exit == 0 && outcome.report != null) {
                return outcome.report;
            }
            String message = !ended ? "the ETL process ran longer than slrt.etl.jvm.timeout (" + jvm.timeout()
                    + ") and was stopped"
                    : closing ? "the ETL process was stopped because the jobs service is shutting down"
                    : outcome.failure != null ? outcome.failure // the ETL's own reason (no inputs, no balance, ...)
                    : "the ETL process ended with exit code " + exit + explain(exit, jvm);
            log.warn("ETL run {}: {} (ETL log: {})", runId, message, logFile);
            throw new IllegalStateException(message);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the ETL process was stopped: the jobs service was interrupted");
        } finally {
            running.remove(process);
        }
    }

    /** The same java, this service's classpath (exploded classes in tests, the jar and lib/ when packaged). */
    List<String> command() {
        EtlProperties.Jvm jvm = properties.jvm();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + jvm.maxHeap(), "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                // The service's logging library is on the classpath: this file sends the ETL's log to stderr.
                "-Dlogback.configurationFile=etl-process-logback.xml"));
        command.addAll(jvm.options());
        command.addAll(List.of("-cp", classpath(), EtlMain.class.getName(), "etl",
                "--inbox", properties.inboxArgument(), "--warehouse", properties.warehouseArgument(),
                "--reference", properties.reference().toString(), "--state", properties.stateArgument(),
                "--keep", String.valueOf(properties.keepSnapshots()), "--sla-days", String.valueOf(properties.slaDays()),
                "--raw-retention-days", String.valueOf(properties.rawRetentionDays()),
                "--report-lines", "true"));
        if (properties.sparkMaster() != null && !properties.sparkMaster().isBlank()) {
            command.addAll(List.of("--master", properties.sparkMaster()));
        }
        if (properties.objectStorage().any()) {
            command.addAll(List.of("--work", properties.objectStorage().work().toString()));
        }
        return command;
    }

    /** A packaged service's classpath is its jar, whose manifest lists lib/: the child reads it too. */
    private static String classpath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }

    private static String explain(int exit, EtlProperties.Jvm jvm) {
        return switch (exit) {
            case OUT_OF_MEMORY, SPARK_OUT_OF_MEMORY -> " (out of memory; slrt.etl.jvm.max-heap is " + jvm.maxHeap() + ")";
            case 2 -> " (bad arguments)";
            case 137 -> " (killed)";
            case 143 -> " (terminated)";
            case 0 -> " without a report";
            default -> exit > 128 ? " (signal " + (exit - 128) + ")" : "";
        };
    }

    private static final class Outcome {
        volatile Etl.Report report;
        volatile String failure;
    }

    /** Only the protocol lines are read: the ETL prints nothing else there that the service needs. */
    private void read(Process process, Progress progress, Outcome outcome) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                try {
                    if (line.startsWith(ReportLines.PROGRESS)) {
                        JsonNode p = json.readTree(line.substring(ReportLines.PROGRESS.length()));
                        progress.update(Progress.Stage.valueOf(p.get("stage").asString()), p.get("done").asLong(),
                                p.get("total").asLong(), p.get("rows").asLong());
                    } else if (line.startsWith(ReportLines.REPORT)) {
                        outcome.report = json.readValue(line.substring(ReportLines.REPORT.length()), Etl.Report.class);
                    } else if (line.startsWith(ReportLines.FAILED)) {
                        outcome.failure = json.readTree(line.substring(ReportLines.FAILED.length())).get("message").asString();
                    }
                } catch (RuntimeException e) {
                    log.warn("unreadable line from the ETL process ({})", e.getClass().getSimpleName());
                }
            }
        } catch (IOException e) {
            log.debug("the ETL process's output ended: {}", e.getMessage());
        }
    }

    /** Its children first: once the child is gone they are no longer its descendants. */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Before the scheduler waits for the running job: the job then records the stopped attempt and its retry. */
    @EventListener(ContextClosedEvent.class)
    void stopOnShutdown() {
        closing = true;
        running.forEach(EtlProcess::killTree);
    }
}
