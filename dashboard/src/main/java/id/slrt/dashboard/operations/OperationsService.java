package id.slrt.dashboard.operations;

import id.slrt.dashboard.security.RegionScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Tables;
import id.slrt.dashboard.warehouse.Warehouse;

/** The ETL's runs (table {@code runs}, %1$s) and the snapshot being shown ({@code snapshot}, %2$s). */
@Service
public class OperationsService {

    static final String RUNS_SQL = """
            SELECT run_id, epoch_ms(started_at), epoch_ms(finished_at), status, files, rows_read, rows_accepted,
                   rows_quarantined, snapshot, message
            FROM %1$s ORDER BY started_at DESC LIMIT 200
            """;

    static final String SNAPSHOT_SQL = """
            SELECT snapshot, epoch_ms(built_at), files, rows_accepted, schema_version FROM %2$s
            """;

    private final Warehouse warehouse;

    public OperationsService(Warehouse warehouse) {
        this.warehouse = warehouse;
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
        Tables t = tables(snapshot);
        if (t.missing()) {
            return List.of();
        }
        return warehouse.list(t.sql(RUNS_SQL), List.of(), row -> {
            long finished = row.getLong(3);
            Instant end = row.wasNull() ? null : Instant.ofEpochMilli(finished);
            return new Run(row.getString(1), Instant.ofEpochMilli(row.getLong(2)), end, row.getString(4),
                    row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8), row.getString(9), row.getString(10));
        });
    }

    public Optional<Built> built(Snapshot snapshot) {
        RegionScope.current().requireAdmin();
        Tables t = tables(snapshot);
        if (t.missing()) {
            return Optional.empty();
        }
        return warehouse.query(t.sql(SNAPSHOT_SQL), List.of(), rows -> rows.next()
                ? Optional.of(new Built(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getLong(3),
                rows.getLong(4), rows.getInt(5)))
                : Optional.empty());
    }

    private Tables tables(Snapshot snapshot) {
        return Tables.of(warehouse, snapshot, "runs", "snapshot");
    }
}
