package id.slrt.dashboard.warehouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Read access to the warehouse: which snapshot is current, and SQL over its Parquet through DuckDB.
 *
 * <p>DuckDB runs in this process on an empty in-memory database; it only reads the Parquet files that
 * a query names with {@code read_parquet(?)}. Nothing is ever written, so the ETL can publish while
 * the dashboard reads.
 */
@Component
public class Warehouse implements AutoCloseable {

    public static final String CURRENT_FILE = "CURRENT";

    private static final Logger log = LoggerFactory.getLogger(Warehouse.class);

    private final Path root;
    private final DuckDBConnection duckdb;
    private volatile String lastProblem;

    public Warehouse(WarehouseProperties properties) {
        this.root = properties.warehouse().toAbsolutePath().normalize();
        this.duckdb = openDuckDb();
        log.info("Reading the warehouse at {}", root);
    }

    private static DuckDBConnection openDuckDb() {
        Properties config = new Properties();
        // Parquet support is built into the JDBC jar; never fetch extensions at query time (no network
        // on the servers, and a query must not depend on one).
        config.setProperty("autoinstall_known_extensions", "false");
        config.setProperty("autoload_known_extensions", "false");
        try {
            return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", config);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot start the in-process DuckDB", e);
        }
    }

    public Path root() {
        return root;
    }

    /**
     * The snapshot named in {@code CURRENT}, read afresh on every call (a few microseconds) so a
     * snapshot the ETL publishes shows at the next page load without a restart. Empty when the ETL has
     * not published yet or {@code CURRENT} names no snapshot folder.
     */
    public Optional<Snapshot> currentSnapshot() {
        Path current = root.resolve(CURRENT_FILE);
        String name;
        try {
            name = Files.readString(current, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return problem("No " + current + ": the ETL has not published a snapshot yet");
        } catch (IOException e) {
            return problem("Cannot read " + current + ": " + e);
        }
        if (name.isEmpty()) {
            return problem(current + " is empty");
        }
        Path dir = root.resolve(name).normalize();
        // CURRENT must name a folder inside the warehouse, never a path elsewhere on the disk.
        if (!root.equals(dir.getParent()) || !Files.isDirectory(dir)) {
            return problem(current + " names '" + name + "', which is no snapshot folder in " + root);
        }
        lastProblem = null;
        return Optional.of(new Snapshot(name, dir));
    }

    private Optional<Snapshot> problem(String message) {
        // Views ask on every navigation: say it once, not on every page load.
        if (!message.equals(lastProblem)) {
            log.warn(message);
            lastProblem = message;
        }
        return Optional.empty();
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
    public <T> T query(String sql, List<?> parameters, RowsReader<T> reader) {
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

    @Override
    public void close() throws SQLException {
        duckdb.close();
    }
}
