package id.slrt.etl;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a published snapshot the way the dashboard does: DuckDB over the Parquet files. */
public record TestWarehouse(Path snapshotDir) {

    public String table(String name) {
        return "read_parquet('" + snapshotDir.resolve(name) + "/*.parquet')";
    }

    /** Rows as lists of column values (as strings, null kept). */
    public List<List<String>> rows(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            return rows(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The same over a connection of the caller's (e.g. one with views over a snapshot). */
    public static List<List<String>> rows(Connection connection, String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A two-column query as a sorted map of key to value. */
    public Map<String, String> map(String sql) {
        Map<String, String> map = new TreeMap<>();
        rows(sql).forEach(r -> map.put(r.get(0), r.get(1)));
        return map;
    }

    public long count(String sql) {
        return Long.parseLong(rows(sql).get(0).get(0));
    }
}
