package id.slrt.jobs.runs;

import id.slrt.etl.Etl;
import id.slrt.etl.ingest.Reason;
import id.slrt.etl.runs.Progress;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every ETL attempt, in the same database as the Quartz job store, so every instance of the service sees
 * every run and its progress (the dashboard's operations screen asks any of them).
 */
@Repository
public class RunRecords {
    private static final int MESSAGE_LENGTH = 2000;
    /** An instance silent this long is gone (instances check in every 10 s: application.yml). */
    public static final Duration INSTANCE_SILENCE = Duration.ofMinutes(1);
    private static final RowMapper<Run> RUN = RunRecords::run;

    private final JdbcTemplate jdbc;

    public RunRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long started(String trigger, int attempt, String instance, Instant scheduledAt) {
        Instant now = Instant.now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement s = c.prepareStatement("""
                    INSERT INTO ETL_RUNS (TRIGGER_NAME, ATTEMPT, INSTANCE_ID, SCHEDULED_AT, STARTED_AT, UPDATED_AT, STATUS)
                    VALUES (?, ?, ?, ?, ?, ?, 'RUNNING')""", Statement.RETURN_GENERATED_KEYS);
            s.setString(1, trigger);
            s.setInt(2, attempt);
            s.setString(3, instance);
            s.setTimestamp(4, scheduledAt == null ? null : Timestamp.from(scheduledAt));
            s.setTimestamp(5, Timestamp.from(now));
            s.setTimestamp(6, Timestamp.from(now));
            return s;
        }, key);
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    public void progress(long id, Progress.Stage stage, long done, long total, long rows) {
        jdbc.update("UPDATE ETL_RUNS SET STAGE = ?, DONE = ?, TOTAL = ?, ROWS_SO_FAR = ?, UPDATED_AT = ? WHERE ID = ?",
                stage.name(), done, total, rows, Timestamp.from(Instant.now()), id);
    }

    public void finished(long id, Etl.Report report) {
        Instant now = Instant.now();
        jdbc.update("""
                UPDATE ETL_RUNS SET STATUS = ?, SNAPSHOT = ?, ROWS_READ = ?, ROWS_ACCEPTED = ?, ROWS_QUARANTINED = ?,
                  UPDATED_AT = ?, FINISHED_AT = ?, MESSAGE = ? WHERE ID = ?""",
                report.unchanged() ? Run.UNCHANGED : Run.SUCCEEDED, report.snapshot(), report.rowsRead(),
                report.rowsAccepted(), report.rowsQuarantined(), Timestamp.from(now), Timestamp.from(now),
                report.unchanged() ? "no new or changed export files" : readerCrashed(report), id);
    }

    /** Files left out because they stopped the reader in an earlier attempt, named for the operators. */
    private static String readerCrashed(Etl.Report report) {
        List<String> files = report.rejectedFiles().stream().filter(f -> f.endsWith(": " + Reason.READER_CRASHED.name()))
                .map(f -> f.substring(0, f.length() - Reason.READER_CRASHED.name().length() - 2)).toList();
        return files.isEmpty() ? null : "published without " + String.join(", ", files) + ": "
                + Reason.READER_CRASHED.english().toLowerCase(java.util.Locale.ROOT);
    }

    /** @param nextAttemptAt when the retry runs, or null when this was the last attempt */
    public void failed(long id, String message, Instant nextAttemptAt) {
        Instant now = Instant.now();
        String text = message == null ? "" : message.replaceAll("\\s+", " ");
        jdbc.update("""
                UPDATE ETL_RUNS SET STATUS = ?, NEXT_ATTEMPT_AT = ?, UPDATED_AT = ?, FINISHED_AT = ?, MESSAGE = ?
                WHERE ID = ?""", nextAttemptAt == null ? Run.FAILED : Run.RETRYING,
                nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt), Timestamp.from(now), Timestamp.from(now),
                text.length() > MESSAGE_LENGTH ? text.substring(0, MESSAGE_LENGTH) : text, id);
    }

    /**
     * A run whose service died (killed, power cut) stays RUNNING in the table; once its scheduler instance
     * has stopped checking in to the clustered store, it is marked INTERRUPTED so that no screen shows it
     * as running forever. The ETL's run lock and journal keep the previous snapshot current meanwhile.
     *
     * @param checkedInSince a live instance has checked in at or after this time
     * @return how many runs were marked
     */
    public int markInterrupted(Instant checkedInSince) {
        Instant now = Instant.now();
        return jdbc.update("UPDATE ETL_RUNS SET STATUS = 'INTERRUPTED', UPDATED_AT = ?, FINISHED_AT = ?,"
                        + " MESSAGE = 'the jobs service stopped during this run'"
                        + " WHERE STATUS = 'RUNNING' AND INSTANCE_ID NOT IN"
                        + " (SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE LAST_CHECKIN_TIME >= ?)",
                Timestamp.from(now), Timestamp.from(now), checkedInSince.toEpochMilli());
    }

    public Optional<Run> find(long id) {
        return jdbc.query("SELECT * FROM ETL_RUNS WHERE ID = ?", RUN, id).stream().findFirst();
    }

    /** Newest first. */
    public List<Run> latest(int limit) {
        return jdbc.query("SELECT * FROM ETL_RUNS ORDER BY ID DESC LIMIT ?", RUN, limit);
    }

    public Optional<Run> running() {
        return jdbc.query("SELECT * FROM ETL_RUNS WHERE STATUS = 'RUNNING' ORDER BY ID DESC LIMIT 1", RUN).stream().findFirst();
    }

    /** The newest run that is not running (what health reports as the last run). */
    public Optional<Run> lastFinished() {
        return jdbc.query("SELECT * FROM ETL_RUNS WHERE STATUS <> 'RUNNING' ORDER BY ID DESC LIMIT 1", RUN).stream().findFirst();
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getLong("ID"), rs.getString("TRIGGER_NAME"), rs.getInt("ATTEMPT"), rs.getString("INSTANCE_ID"),
                instant(rs, "SCHEDULED_AT"), instant(rs, "STARTED_AT"), instant(rs, "UPDATED_AT"),
                instant(rs, "FINISHED_AT"), rs.getString("STATUS"), rs.getString("STAGE"), number(rs, "DONE"),
                number(rs, "TOTAL"), number(rs, "ROWS_SO_FAR"), rs.getString("SNAPSHOT"), number(rs, "ROWS_READ"),
                number(rs, "ROWS_ACCEPTED"), number(rs, "ROWS_QUARANTINED"), instant(rs, "NEXT_ATTEMPT_AT"),
                rs.getString("MESSAGE"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long number(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
