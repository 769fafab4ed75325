package id.slrt.bench.queries;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** DuckDB for the big warehouse: a memory-limited connection, statements, literals, Parquet out. */
final class Sql {

    private Sql() {
    }

    /** Limits memory because other builds share the machine; spills (if ever) into {@code spill}. */
    static Connection open(Path spill) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:duckdb:");
        execute(db, "SET memory_limit = '3GB'");
        execute(db, "SET temp_directory = '" + literal(spill.toString()) + "'");
        return db;
    }

    static void execute(Connection db, String sql) {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** Writes the rows of {@code select} as one Parquet file into the table folder {@code dir}. */
    static void copyToParquet(Connection db, String select, Path dir) {
        execute(db, "COPY (" + select + ") TO '" + literal(dir.resolve("part-0.parquet").toString())
                + "' (FORMAT parquet)");
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.9f", value);
    }

    /** A SQL string literal, or NULL. */
    static String text(String value) {
        return value == null ? "NULL" : "'" + literal(value) + "'";
    }

    /** Text to put between single quotes. */
    static String literal(String text) {
        return text.replace("'", "''");
    }
}
