package id.slrt.etl.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every ETL run, including those that failed or were killed, in the state folder (runs.tsv): a line
 * when a run starts and one when it ends. The {@code runs} table of each snapshot is made from it.
 */
public final class RunJournal {
    public static final String FILE = "runs.tsv";

    /** One run; a run with a start and no end was killed or is still running. */
    public record Run(String runId, Instant startedAt, Instant finishedAt, String status, long files,
                      long rowsRead, long rowsAccepted, long rowsQuarantined, String snapshot, String message) {
    }

    private final Path file;

    public RunJournal(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    public void started(String runId, Instant at) {
        append(String.join("\t", runId, "START", at.toString()));
    }

    public void finished(Run run) {
        append(String.join("\t", run.runId(), "END", run.finishedAt().toString(), run.status(),
                String.valueOf(run.files()), String.valueOf(run.rowsRead()), String.valueOf(run.rowsAccepted()),
                String.valueOf(run.rowsQuarantined()), nullToEmpty(run.snapshot()),
                nullToEmpty(run.message()).replaceAll("\\s+", " ")));
    }

    /** All runs, oldest first; a started run without an end is INTERRUPTED unless it is {@code running}. */
    public List<Run> runs(String running) {
        Map<String, Run> runs = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t", -1);
                    if (f.length >= 3 && f[1].equals("START")) {
                        runs.put(f[0], new Run(f[0], Instant.parse(f[2]), null,
                                f[0].equals(running) ? "RUNNING" : "INTERRUPTED", 0, 0, 0, 0, null, null));
                    } else if (f.length >= 10 && f[1].equals("END") && runs.containsKey(f[0])) {
                        Run start = runs.get(f[0]);
                        runs.put(f[0], new Run(f[0], start.startedAt(), Instant.parse(f[2]), f[3], Long.parseLong(f[4]),
                                Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                                f[8].isEmpty() ? null : f[8], f[9].isEmpty() ? null : f[9]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new ArrayList<>(runs.values());
    }

    private void append(String line) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
