package id.slrt.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks a snapshot folder, whoever wrote it, against docs/warehouse.md: its table folders are exactly the
 * documented tables, each table's Parquet has exactly the documented columns with the documented types in
 * the documented order (as DuckDB, the dashboard's reader, sees them), and its {@code snapshot} table
 * carries the documented schema version. Needs duckdb_jdbc on the test classpath.
 */
public final class SnapshotConformance {

    private SnapshotConformance() {
    }

    /** Every way the snapshot differs from the document, one sentence each; empty when it conforms. */
    public static List<String> problems(Path snapshotDir) {
        Map<String, Map<String, String>> documented = WarehouseDocument.tables();
        List<String> problems = new ArrayList<>();
        List<String> folders = folders(snapshotDir);
        for (String table : documented.keySet()) {
            if (!folders.contains(table)) {
                problems.add("the documented table " + table + " is missing");
            }
        }
        for (String folder : folders) {
            if (!documented.containsKey(folder)) {
                problems.add("the folder " + folder + " is no documented table");
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            for (Map.Entry<String, Map<String, String>> table : documented.entrySet()) {
                if (!folders.contains(table.getKey())) {
                    continue;
                }
                Map<String, String> written = columns(sql, snapshotDir, table.getKey(), problems);
                if (written != null && !written.equals(table.getValue())) {
                    problems.add(table.getKey() + " has the columns " + written + ", documented: " + table.getValue());
                } else if (written != null && !List.copyOf(written.keySet()).equals(List.copyOf(table.getValue().keySet()))) {
                    problems.add(table.getKey() + " has its columns in the order " + written.keySet() + ", documented: "
                            + table.getValue().keySet());
                }
            }
            if (folders.contains(Tables.SNAPSHOT)) {
                try (ResultSet r = sql.executeQuery("SELECT DISTINCT schema_version FROM " + parquet(snapshotDir, Tables.SNAPSHOT))) {
                    List<String> versions = new ArrayList<>();
                    while (r.next()) {
                        versions.add(r.getString(1));
                    }
                    if (!versions.equals(List.of(String.valueOf(WarehouseDocument.schemaVersion())))) {
                        problems.add("the snapshot table says schema version " + versions + ", documented: "
                                + WarehouseDocument.schemaVersion());
                    }
                } catch (SQLException e) {
                    problems.add("the snapshot table's schema_version cannot be read: " + e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not start", e);
        }
        return problems;
    }

    /** Column name to DuckDB type of one table, or null (with a problem added) when it cannot be read. */
    private static Map<String, String> columns(Statement sql, Path snapshotDir, String table, List<String> problems) {
        try (Stream<Path> files = Files.list(snapshotDir.resolve(table))) {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith(".parquet"))) {
                problems.add(table + " has no Parquet file");
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> columns = new LinkedHashMap<>();
        try (ResultSet r = sql.executeQuery("DESCRIBE SELECT * FROM " + parquet(snapshotDir, table))) {
            while (r.next()) {
                columns.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            problems.add(table + " cannot be read: " + e.getMessage());
            return null;
        }
        return columns;
    }

    private static List<String> folders(Path snapshotDir) {
        try (Stream<Path> children = Files.list(snapshotDir)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + snapshotDir, e);
        }
    }

    private static String parquet(Path snapshotDir, String table) {
        String glob = snapshotDir.toAbsolutePath().resolve(table).resolve("*.parquet").toString();
        return "read_parquet('" + glob.replace("'", "''") + "')";
    }
}
