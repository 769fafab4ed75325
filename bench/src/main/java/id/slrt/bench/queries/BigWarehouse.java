package id.slrt.bench.queries;

import id.slrt.etl.Folders;
import id.slrt.warehouse.Snapshots;
import id.slrt.warehouse.Tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A national-scale synthetic warehouse snapshot (docs/warehouse.md, {@link Tables#SCHEMA_VERSION}) for
 * timing the dashboard's queries: 2016-2025 x all 514 kabupaten/kota x all 13 programmes, with every
 * service point and need of each programme in every month. DuckDB writes it straight to Parquet in seconds, so the
 * benchmark needs neither Spark nor sample exports.
 *
 * <p>Every number comes from {@code hash()} of its row's key rather than {@code random()}: DuckDB's
 * random stream depends on thread scheduling, a hash does not, so the same call writes the same rows.
 * The numbers keep the contract's invariants (completed + declined + open = referred, people &lt;= visits,
 * shares = counts / visits, every ledger file balances, the runs add up to the snapshot row), so a
 * query that relies on them behaves as it does on real data.
 *
 * <p>Its parts: {@link Calibration} (the facts the numbers follow), {@link GeneratedSql} (the statements that
 * generate the rows), {@link TableQueries} (one query per table of {@link Tables#ALL}) and {@link Publication}
 * (the contract's snapshot protocol).
 *
 * <p>Run {@code java -cp "bench/target/slrt-bench.jar:bench/target/lib/*" id.slrt.bench.queries.BigWarehouse
 * WAREHOUSE [REFERENCE]} to write one and print its timing, row counts and size.
 */
public final class BigWarehouse {
    /** A run started just after the last month of data: the snapshot is named after it, as the ETL names one. */
    static final Instant STARTED_AT = Instant.parse("2026-01-05T19:00:00Z");
    public static final String SNAPSHOT = Snapshots.snapshotName(STARTED_AT);
    public static final int SCHEMA_VERSION = Tables.SCHEMA_VERSION;
    public static final int FIRST_YEAR = 2016;
    public static final int LAST_YEAR = 2025;
    /** The tables written: every table of docs/warehouse.md, in its order. */
    public static final List<String> TABLES = Tables.ALL;

    private BigWarehouse() {
    }

    /**
     * Writes the snapshot under {@code warehouseRoot} and makes it current, the way the ETL publishes
     * ({@link Publication}: tables into {@code .staging-NAME/}, renamed when complete, then {@code CURRENT}
     * replaced atomically).
     * Writing again into the same root replaces the snapshot with an identical one.
     *
     * @param referenceDir holds {@code regions.csv} and (optionally, as in the ETL) {@code poverty.csv}
     * @return the snapshot folder
     */
    public static Path write(Path warehouseRoot, Path referenceDir) {
        Path reference = referenceDir.toAbsolutePath().normalize();
        return Publication.publish(warehouseRoot.toAbsolutePath().normalize(), STARTED_AT, staging -> {
            Path spill = staging.dir().resolveSibling(staging.dir().getFileName() + ".spill");
            try (Connection db = Sql.open(spill)) {
                for (String sql : GeneratedSql.steps(reference)) {
                    Sql.execute(db, sql);
                }
                for (Map.Entry<String, String> table : TableQueries.BY_TABLE.entrySet()) {
                    Sql.copyToParquet(db, fill(table.getValue()),
                            Files.createDirectories(staging.dir().resolve(table.getKey())));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB failed", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a warehouse in " + staging.dir(), e);
            } finally {
                Folders.delete(spill);
            }
        });
    }

    /** Rows per table of a snapshot, in {@link #TABLES} order (from the Parquet footers: fast). */
    public static Map<String, Long> rowCounts(Path snapshotDir) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + parquet(snapshotDir, table))) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the rows of " + snapshotDir, e);
        }
        return counts;
    }

    /** Bytes of the snapshot's Parquet files. */
    public static long parquetBytes(Path snapshotDir) {
        try (Stream<Path> files = Files.walk(snapshotDir)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).mapToLong(BigWarehouse::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code read_parquet(...)} of one table, for a query. */
    public static String parquet(Path snapshotDir, String table) {
        return "read_parquet('" + Sql.literal(snapshotDir.toAbsolutePath().resolve(table) + "/*.parquet") + "')";
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BigWarehouse WAREHOUSE [REFERENCE (default data/reference)]");
            System.exit(2);
        }
        long start = System.nanoTime();
        Path snapshot = write(Path.of(args[0]), Path.of(args.length > 1 ? args[1] : "data/reference"));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %s in %.1f s%n", snapshot, seconds);
        rowCounts(snapshot).forEach((table, rows) -> System.out.printf(Locale.ROOT, "  %-20s %,12d rows%n", table, rows));
        System.out.printf(Locale.ROOT, "Parquet on disk: %.1f MB%n", parquetBytes(snapshot) / 1e6);
    }

    /** Fills the placeholders of the generation's and the table queries' SQL. */
    static String fill(String sql) {
        return sql.replace("{first}", String.valueOf(FIRST_YEAR)).replace("{last}", String.valueOf(LAST_YEAR))
                .replace("{next_year}", String.valueOf(LAST_YEAR + 1))
                .replace("{schema_version}", String.valueOf(SCHEMA_VERSION)).replace("{snapshot}", SNAPSHOT);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
