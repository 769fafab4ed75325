package id.slrt.jobs.runs;

import java.time.Instant;

/** One ETL attempt as recorded in {@code ETL_RUNS}; counts are null until known. */
public record Run(long id, String trigger, int attempt, String instance, Instant scheduledAt, Instant startedAt,
                  Instant updatedAt, Instant finishedAt, String status, String stage, Long done, Long total,
                  Long rowsSoFar, String snapshot, Long rowsRead, Long rowsAccepted, Long rowsQuarantined,
                  Instant nextAttemptAt, String message) {
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String UNCHANGED = "UNCHANGED";
    public static final String RETRYING = "RETRYING";
    public static final String FAILED = "FAILED";
    public static final String INTERRUPTED = "INTERRUPTED";

    public boolean running() {
        return RUNNING.equals(status);
    }
}
