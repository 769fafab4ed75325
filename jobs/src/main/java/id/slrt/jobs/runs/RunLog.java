package id.slrt.jobs.runs;

import id.slrt.etl.Etl;
import id.slrt.jobs.etl.EtlProperties;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Every ETL run, one tab-separated line each, appended to {@code slrt.etl.run-log}:
 * started, finished, status, trigger, snapshot, rows read, accepted, quarantined, message.
 */
@Component
public class RunLog {
    public static final String HEADER = "started\tfinished\tstatus\ttrigger\tsnapshot\trows_read\trows_accepted\trows_quarantined\tmessage";

    private final Path file;

    public RunLog(EtlProperties properties) {
        this.file = properties.runLog();
    }

    public void succeeded(String trigger, Etl.Report report) {
        append(String.format(Locale.ROOT, "%s\t%s\tSUCCEEDED\t%s\t%s\t%d\t%d\t%d\t", report.startedAt(),
                report.finishedAt(), trigger, report.snapshot(), report.rowsRead(), report.rowsAccepted(),
                report.rowsQuarantined()));
    }

    public void failed(String trigger, Instant started, Exception error) {
        String message = String.valueOf(error.getMessage()).replaceAll("\\s+", " ");
        append(String.format(Locale.ROOT, "%s\t%s\tFAILED\t%s\t\t\t\t\t%s", started, Instant.now(), trigger, message));
    }

    public List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run log " + file, e);
        }
    }

    private synchronized void append(String line) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
            }
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run log " + file, e);
        }
    }
}
