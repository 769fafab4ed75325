package id.slrt.dashboard.warehouse;

import id.slrt.warehouse.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a snapshot must be before the dashboard serves it (docs/warehouse.md): every table folder of the
 * contract ({@link Tables#ALL}) present, every Parquet file in them readable to the last value, and the
 * schema version this dashboard reads ({@link Tables#SCHEMA_VERSION}). Checked once per snapshot, when
 * {@code CURRENT} first names it (see {@link Warehouse#currentSnapshot()}); a snapshot that fails is never
 * served.
 */
final class SnapshotCheck {

    // Every column of every row is hashed, so DuckDB has to decode each page of the file, not only the
    // footer that count(*) reads: a file cut short or with a broken page fails here, not on a screen.
    private static final String READ_ALL = "SELECT count(*), max(hash(COLUMNS(*))) FROM read_parquet(?)";

    private static final String SNAPSHOT_ROW = """
            SELECT schema_version, %s FROM read_parquet(?)""";

    /**
     * The outcome for one snapshot.
     *
     * @param problem why it may not be served; null when it may
     * @param sample  the snapshot's {@code sample} flag: true only when every export of its run was the
     *                unchanged sample data of {@code ./slrt generate}; false without the column (older ETL)
     */
    record Verdict(String problem, boolean sample) {
        boolean ok() {
            return problem == null;
        }
    }

    private SnapshotCheck() {
    }

    static Verdict check(Warehouse warehouse, Snapshot snapshot) {
        for (String table : Tables.ALL) {
            Path dir = snapshot.dir().resolve(table);
            if (!Files.isDirectory(dir)) {
                return failed("the table folder " + table + " is missing");
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
            } catch (IOException e) {
                return failed("cannot list " + dir + ": " + e);
            }
            for (Path file : files) {
                try {
                    warehouse.query(READ_ALL, List.of(file.toString()), rows -> rows.next());
                } catch (WarehouseException e) {
                    return failed(snapshot.dir().relativize(file) + " cannot be read: " + firstLine(e));
                }
            }
        }
        try {
            String glob = snapshot.dir().resolve(Tables.SNAPSHOT).resolve("*.parquet").toString();
            boolean hasSample = warehouse.query("SELECT count(*) FROM (DESCRIBE SELECT * FROM read_parquet(?)) "
                    + "WHERE column_name = 'sample'", List.of(glob), rows -> rows.next() && rows.getInt(1) == 1);
            return warehouse.query(SNAPSHOT_ROW.formatted(hasSample ? "sample IS TRUE" : "false"), List.of(glob), rows -> {
                if (!rows.next()) {
                    return failed("the snapshot table has no row");
                }
                int version = rows.getInt(1);
                if (rows.wasNull() || version != Tables.SCHEMA_VERSION) {
                    return failed("schema version " + (rows.wasNull() ? "missing" : version)
                            + ", this dashboard reads version " + Tables.SCHEMA_VERSION + " (docs/warehouse.md)");
                }
                boolean sample = rows.getBoolean(2);
                if (rows.next()) {
                    return failed("the snapshot table has more than one row");
                }
                return new Verdict(null, sample);
            });
        } catch (WarehouseException e) {
            return failed("the snapshot table cannot be read: " + firstLine(e));
        }
    }

    private static Verdict failed(String problem) {
        return new Verdict(problem, false);
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
