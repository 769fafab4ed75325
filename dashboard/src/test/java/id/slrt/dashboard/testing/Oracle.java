package id.slrt.dashboard.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected numbers for screen tests, taken with the simplest SQL straight from the fixture's Parquet
 * (not through the services under test). {@code {visits_monthly}} in a query names that table's files.
 */
public final class Oracle {

    private Oracle() {
    }

    /** The first column of the first row, as a long. */
    public static long number(Path warehouse, String sql) {
        String value = text(warehouse, sql);
        return value == null ? 0 : Math.round(Double.parseDouble(value));
    }

    public static String text(Path warehouse, String sql) {
        List<List<String>> rows = rows(warehouse, sql);
        return rows.isEmpty() ? null : rows.getFirst().getFirst();
    }

    /** Every row, each as the text of its columns (null for SQL NULL). */
    public static List<List<String>> rows(Path warehouse, String sql) {
        Path snapshot = warehouse.resolve(WarehouseFixture.SNAPSHOT);
        String resolved = sql.replaceAll("\\{(\\w+)}", "read_parquet('" + snapshot.toString().replace("\\", "/") + "/$1/*.parquet')");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(resolved)) {
            List<List<String>> all = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int k = 1; k <= columns; k++) {
                    row.add(rows.getString(k));
                }
                all.add(row);
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException(resolved, e);
        }
    }
}
