package id.slrt.etl.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.slrt.etl.Etl;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's progress and outcome as machine-readable lines on standard output, for a parent process (the
 * jobs service runs each attempt in its own JVM): {@code PROGRESS {json}}, then {@code REPORT {json}} or
 * {@code FAILED {json}}. Counts and file names only: no row content.
 */
public final class ReportLines implements Progress {
    public static final String PROGRESS = "PROGRESS ";
    public static final String REPORT = "REPORT ";
    public static final String FAILED = "FAILED ";
    /** Exit status of a run whose parent process went away. */
    public static final int PARENT_GONE = 4;
    // Jackson 2 comes with Spark; the ETL module needs no JSON library of its own.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    public ReportLines(PrintStream out) {
        this.out = out;
    }

    /**
     * The parent keeps this process's standard input open and never writes to it: its end means the parent
     * is gone (even killed outright), and a run nobody records stops rather than hold the run lock.
     */
    public static void stopWhenInputEnds(InputStream in) {
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            try {
                while (in.read() >= 0) {
                    // nothing is sent; only the end matters
                }
            } catch (IOException e) {
                // a broken pipe is an end too
            }
            System.exit(PARENT_GONE);
        });
    }

    @Override
    public synchronized void update(Stage stage, long done, long total, long rows) {
        print(PROGRESS, Map.of("stage", stage.name(), "done", done, "total", total, "rows", rows));
    }

    public synchronized void report(Etl.Report report) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("runId", report.runId());
        fields.put("snapshot", report.snapshot());
        fields.put("startedAt", report.startedAt().toString());
        fields.put("finishedAt", report.finishedAt().toString());
        fields.put("files", report.files());
        fields.put("filesStaged", report.filesStaged());
        fields.put("filesRejected", report.filesRejected());
        fields.put("rowsRead", report.rowsRead());
        fields.put("rowsAccepted", report.rowsAccepted());
        fields.put("rowsQuarantined", report.rowsQuarantined());
        fields.put("quarantinedByReason", report.quarantinedByReason());
        fields.put("rejectedFiles", report.rejectedFiles());
        fields.put("removedSnapshots", report.removedSnapshots());
        fields.put("unchanged", report.unchanged());
        print(REPORT, fields);
    }

    public synchronized void failed(Throwable error) {
        print(FAILED, Map.of("message", String.valueOf(error.getMessage())));
    }

    private void print(String prefix, Map<String, ?> fields) {
        try {
            out.println(prefix + JSON.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }
}
