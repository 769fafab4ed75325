package id.slrt.dashboard.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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
        Path snapshot = warehouse.resolve(WarehouseFixture.SNAPSHOT);
        String resolved = sql.replaceAll("\\{(\\w+)}", "read_parquet('" + snapshot.toString().replace("\\", "/") + "/$1/*.parquet')");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(resolved)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(resolved, e);
        }
    }
}
