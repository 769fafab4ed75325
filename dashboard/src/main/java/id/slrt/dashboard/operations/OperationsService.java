package id.slrt.dashboard.operations;

import id.slrt.dashboard.security.RegionScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.ScopedQuery;

/** The ETL's runs (table {@code runs}) and the snapshot being shown ({@code snapshot}): no region's numbers, for administrators. */
@Service
public class OperationsService {

    static final String RUNS_SQL = """
            SELECT run_id, epoch_ms(started_at), epoch_ms(finished_at), status, files, rows_read, rows_accepted,
                   rows_quarantined, snapshot, message
            FROM {runs} ORDER BY started_at DESC LIMIT 200
            """;

    static final String SNAPSHOT_SQL = """
            SELECT snapshot, epoch_ms(built_at), files, rows_accepted, schema_version FROM {snapshot}
            """;

    private final ScopedQuery queries;

    public OperationsService(ScopedQuery queries) {
        this.queries = queries;
    }

    /** One ETL run; {@code finished} is null for a run that was killed. */
    public record Run(String id, Instant started, Instant finished, String status, long files, long rowsRead,
                      long rowsAccepted, long rowsQuarantined, String snapshot, String message) {

        public Long seconds() {
            return finished == null ? null : Math.round((finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        }
    }

    public record Built(String snapshot, Instant builtAt, long files, long rowsAccepted, int schemaVersion) {
    }

    public List<Run> runs(Snapshot snapshot) {
        RegionScope.current().requireAdmin();
        return queries.reference(snapshot, RUNS_SQL).requires("snapshot").list(row -> {
            long finished = row.getLong(3);
            Instant end = row.wasNull() ? null : Instant.ofEpochMilli(finished);
            return new Run(row.getString(1), Instant.ofEpochMilli(row.getLong(2)), end, row.getString(4),
                    row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8), row.getString(9), row.getString(10));
        });
    }

    public Optional<Built> built(Snapshot snapshot) {
        RegionScope.current().requireAdmin();
        return queries.reference(snapshot, SNAPSHOT_SQL).requires("runs").read(rows -> rows.next()
                ? Optional.of(new Built(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getLong(3),
                rows.getLong(4), rows.getInt(5)))
                : Optional.<Built>empty(), Optional.empty());
    }

}
