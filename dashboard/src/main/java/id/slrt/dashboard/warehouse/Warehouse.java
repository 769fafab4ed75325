package id.slrt.dashboard.warehouse;

import java.io.File;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.SequencedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import id.slrt.warehouse.Current;
import id.slrt.warehouse.Snapshots;
import id.slrt.warehouse.Tables;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Read access to the warehouse: which snapshot is current, and SQL over its Parquet through DuckDB.
 *
 * <p>DuckDB runs in this process on an empty in-memory database; it only reads the Parquet files that
 * a query names with {@code read_parquet(?)}. Nothing is ever written, so the ETL can publish while
 * the dashboard reads. It is fenced in (see {@link #openDuckDb}): files inside the warehouse folder
 * only, a memory limit, and a configuration no query can change.
 *
 * <p>A snapshot is served only after it passed {@link SnapshotCheck}; while a newly published one
 * fails, the previous one stays (see {@link #currentSnapshot()}).
 *
 * <p>Its SQL methods are package-private on purpose: every other package goes through
 * {@link ScopedQuery}, which adds the user's region condition (checked by ArchitectureTest).
 */
@Component
public class Warehouse implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Warehouse.class);

    private final Path root;
    private final Snapshots snapshots;
    private final DuckDBConnection duckdb;
    private volatile String lastProblem;
    /** "snapshot/table" to the DuckDB table holding it. */
    private final Map<String, String> loaded = new ConcurrentHashMap<>();
    /** Snapshot name to the outcome of its check; a few dozen at most (oldest forgotten). */
    private final Map<String, SnapshotCheck.Verdict> verdicts = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SnapshotCheck.Verdict> eldest) {
                    return size() > 32;
                }
            });
    /** Held while a snapshot is checked: one check at a time, the others keep the snapshot served. */
    private final ReentrantLock checking = new ReentrantLock();
    /** The last snapshot that passed its check: what is served while a newer one fails. */
    private volatile Snapshot serving;
    /** The snapshot CURRENT names when it failed its check; null when CURRENT's snapshot is served. */
    private volatile Refusal refused;
    /** Snapshots with loaded tables, oldest first. */
    private final SequencedSet<String> loadedSnapshots = new LinkedHashSet<>();

    public Warehouse(WarehouseProperties properties) {
        this.root = properties.warehouse().toAbsolutePath().normalize();
        this.snapshots = new Snapshots(root);
        this.duckdb = openDuckDb(root, properties.duckdb());
        log.info("Reading the warehouse at {}", root);
    }

    /**
     * DuckDB fenced in. It runs inside the dashboard with the dashboard's rights, so a query that named
     * another path (a bug, or a crafted value reaching SQL) could read any file the service can, and a
     * heavy query could take all the memory. Hence: files only below the warehouse folder, no
     * extensions loaded or installed, a memory limit and a thread count, and then the configuration
     * locked, so no statement can undo any of it ({@code SET ...} fails).
     */
    static DuckDBConnection openDuckDb(Path root, WarehouseProperties.DuckDb limits) {
        Properties config = new Properties();
        // Parquet support is built into the JDBC jar; never fetch extensions at query time (no network
        // on the servers, and a query must not depend on one).
        config.setProperty("autoinstall_known_extensions", "false");
        config.setProperty("autoload_known_extensions", "false");
        DuckDBConnection connection;
        try {
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", config);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot start the in-process DuckDB", e);
        }
        // The settings are the database's, so they hold for every duplicate() of this connection. The
        // trailing separator keeps a sibling such as "warehouse-old" out. Order matters: the allowed
        // folder before external access is switched off, the lock last.
        List<String> fence = new ArrayList<>(List.of(
                "SET allowed_directories = [" + literal(root + File.separator) + "]",
                "SET enable_external_access = false",
                "SET memory_limit = " + literal(limits.memoryLimit().strip())));
        if (limits.threads() > 0) {
            fence.add("SET threads = " + limits.threads());
        }
        fence.add("SET lock_configuration = true");
        try (Statement statement = connection.createStatement()) {
            for (String sql : fence) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing
            }
            throw new IllegalStateException("Cannot fence in the in-process DuckDB: " + e.getMessage(), e);
        }
        return connection;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    public Path root() {
        return root;
    }

    /**
     * The snapshot named in {@code CURRENT}, read afresh on every call (a few microseconds) so a
     * snapshot the ETL publishes shows at the next page load without a restart. Empty when the ETL has
     * not published yet or {@code CURRENT} names no snapshot folder.
     *
     * <p>A snapshot not seen before is checked first ({@link SnapshotCheck}: once per snapshot, every
     * Parquet file read through). While one request checks it, the others get the snapshot served until
     * then (the very first one, at start, is waited for). When it
     * fails, the previous snapshot stays served ({@link #refused()} says why); when there is no previous
     * one, the failed snapshot is returned but none of its tables loads ({@link #table} throws).
     */
    public Optional<Snapshot> currentSnapshot() {
        // The contract resolves CURRENT: a folder directly inside the warehouse, never a staging folder.
        return switch (snapshots.resolveCurrent()) {
            case Current.Missing missing -> problem(missing.problem());
            case Current.Found found -> {
                lastProblem = null;
                yield Optional.of(checked(new Snapshot(found.name(), found.dir())));
            }
        };
    }

    /** A snapshot that CURRENT names but that failed its check, and why. */
    public record Refusal(String snapshot, String problem, Optional<String> serving) {
    }

    /** The snapshot CURRENT names, when it failed its check and is not served; empty otherwise. */
    public Optional<Refusal> refused() {
        currentSnapshot();
        return Optional.ofNullable(refused);
    }

    /**
     * Whether the snapshot is the sample data of {@code ./slrt generate} and nothing else (its
     * {@code sample} flag; false for a snapshot without the flag or one that failed its check).
     */
    public boolean isSampleData(Snapshot snapshot) {
        SnapshotCheck.Verdict verdict = verdict(snapshot);
        return verdict.ok() && verdict.sample();
    }

    private Snapshot checked(Snapshot named) {
        SnapshotCheck.Verdict verdict = verdicts.get(named.name());
        if (verdict == null) {
            Snapshot previous = serving;
            if (previous != null && !checking.tryLock()) {
                return previous; // another request is checking the new one
            }
            if (previous != null) {
                try {
                    verdict = checkOnce(named);
                } finally {
                    checking.unlock();
                }
            } else {
                verdict = verdict(named);
            }
        }
        if (verdict.ok()) {
            serving = named;
            refused = null;
            return named;
        }
        Snapshot previous = serving;
        refused = new Refusal(named.name(), verdict.problem(), Optional.ofNullable(previous).map(Snapshot::name));
        return previous != null ? previous : named;
    }

    /** The outcome of the snapshot's check, checking it now (and waiting for a running check) if needed. */
    private SnapshotCheck.Verdict verdict(Snapshot snapshot) {
        SnapshotCheck.Verdict verdict = verdicts.get(snapshot.name());
        if (verdict != null) {
            return verdict;
        }
        checking.lock();
        try {
            return checkOnce(snapshot);
        } finally {
            checking.unlock();
        }
    }

    /** Called holding {@link #checking}. */
    private SnapshotCheck.Verdict checkOnce(Snapshot snapshot) {
        SnapshotCheck.Verdict verdict = verdicts.get(snapshot.name());
        if (verdict == null) {
            verdict = SnapshotCheck.check(this, snapshot);
            verdicts.put(snapshot.name(), verdict);
            if (verdict.ok()) {
                log.info("Snapshot {} passed its check (tables, Parquet files, schema version {}){}", snapshot.name(),
                        Tables.SCHEMA_VERSION, verdict.sample() ? "; it holds the sample data" : "");
            } else {
                Snapshot previous = serving;
                log.error("Snapshot {} failed its check and is not served: {}. {}", snapshot.name(), verdict.problem(),
                        previous == null ? "There is no earlier snapshot to serve: the screens say the warehouse cannot be read."
                                : "Still serving " + previous.name() + ".");
            }
        }
        return verdict;
    }

    private Optional<Snapshot> problem(String message) {
        // Views ask on every navigation: say it once, not on every page load.
        if (!message.equals(lastProblem)) {
            log.warn(message);
            lastProblem = message;
        }
        return Optional.empty();
    }

    /**
     * A snapshot's table as a DuckDB table name to put in SQL, or empty when the snapshot has no such
     * table. The first use copies the Parquet into DuckDB's memory (compressed columns); later queries
     * scan memory, which keeps every screen's queries within milliseconds on a national warehouse. The
     * tables of the previous snapshot stay until the next one is loaded, for queries still running.
     */
    Optional<String> table(Snapshot snapshot, String table) {
        String key = snapshot.name() + "/" + table;
        String name = loaded.get(key);
        if (name != null) {
            return Optional.of(name);
        }
        SnapshotCheck.Verdict verdict = verdict(snapshot);
        if (!verdict.ok()) {
            throw new WarehouseException("Snapshot " + snapshot.name() + " is not served: " + verdict.problem(), null);
        }
        Optional<String> glob = snapshot.parquetGlob(table);
        if (glob.isEmpty()) {
            return Optional.empty();
        }
        synchronized (loadedSnapshots) {
            name = loaded.get(key);
            if (name == null) {
                name = '"' + (snapshot.name() + "." + table).replaceAll("[^A-Za-z0-9_.-]", "_") + '"';
                String parquet = "read_parquet('" + glob.get().replace("'", "''") + "')";
                // Monthly tables get ym = year * 100 + month and are stored in month order, so DuckDB's
                // per-block min/max skip the months outside a screen's period.
                boolean monthly = query("SELECT count(*) FILTER (column_name IN ('year', 'month')) FROM (DESCRIBE SELECT * FROM "
                        + parquet + ")", List.of(), rows -> rows.next() && rows.getInt(1) == 2);
                execute("CREATE OR REPLACE TABLE " + name + " AS SELECT *"
                        + (monthly ? ", year * 100 + month AS ym" : "") + " FROM " + parquet
                        + (monthly ? " ORDER BY ym, district_code" : ""));
                loaded.put(key, name);
                loadedSnapshots.remove(snapshot.name());
                loadedSnapshots.addLast(snapshot.name());
                while (loadedSnapshots.size() > 2) {
                    dropTables(loadedSnapshots.removeFirst());
                }
            }
            return Optional.of(name);
        }
    }

    /**
     * A table computed once per snapshot from one of its tables (named {@code {table}} in the SQL, as in
     * {@link ScopedQuery}): an aggregate
     * that screens read often, so their queries scan thousands of rows instead of millions. Empty when
     * the source table is missing. Released with the snapshot's tables.
     */
    Optional<String> derived(Snapshot snapshot, String name, String source, String sql) {
        String key = snapshot.name() + "/" + name;
        String existing = loaded.get(key);
        if (existing != null) {
            return Optional.of(existing);
        }
        Optional<String> from = table(snapshot, source);
        if (from.isEmpty()) {
            return Optional.empty();
        }
        synchronized (loadedSnapshots) {
            String table = loaded.get(key);
            if (table == null) {
                table = '"' + (snapshot.name() + "." + name).replaceAll("[^A-Za-z0-9_.-]", "_") + '"';
                execute("CREATE OR REPLACE TABLE " + table + " AS " + sql.replace("{" + source + "}", from.get()));
                loaded.put(key, table);
            }
            return Optional.of(table);
        }
    }

    private void dropTables(String snapshotName) {
        List<String> keys = new ArrayList<>(loaded.keySet().stream().filter(k -> k.startsWith(snapshotName + "/")).toList());
        for (String key : keys) {
            execute("DROP TABLE IF EXISTS " + loaded.remove(key));
        }
        log.info("Released the tables of snapshot {}", snapshotName);
    }

    private void execute(String sql) {
        try (DuckDBConnection connection = duckdb.duplicate(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            log.warn("Loading from the warehouse failed: {}\n{}", e.getMessage(), sql);
            throw new WarehouseException("Loading from the warehouse failed: " + e.getMessage(), e);
        }
    }

    /** Reads the rows of a result; may throw SQLException like any JDBC code. */
    @FunctionalInterface
    public interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /**
     * Runs one read-only query with positional parameters ({@code ?}, also allowed as the path of
     * {@code read_parquet(?)}).
     *
     * @throws WarehouseException when DuckDB cannot run it, e.g. over a damaged Parquet file
     */
    <T> T query(String sql, List<?> parameters, RowsReader<T> reader) {
        Objects.requireNonNull(reader);
        // One connection per query on the shared in-memory database: DuckDB connections are not meant
        // to be used by two threads (two browser sessions) at once, and duplicating one is cheap.
        try (DuckDBConnection connection = duckdb.duplicate();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            log.warn("Query over the warehouse failed: {}\n{}", e.getMessage(), sql);
            throw new WarehouseException("Query over the warehouse failed: " + e.getMessage(), e);
        }
    }

    /** Reads one row of a result into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Runs a query and maps every row, in order. */
    <T> List<T> list(String sql, List<?> parameters, RowMapper<T> mapper) {
        return query(sql, parameters, rows -> {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        });
    }

    @Override
    public void close() throws SQLException {
        duckdb.close();
    }
}
