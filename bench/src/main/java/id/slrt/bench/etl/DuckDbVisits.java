package id.slrt.bench.etl;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: {@code visits_monthly} as one plain DuckDB statement over the same CSV exports, written
 * to one Parquet file, and the comparison of two {@code visits_monthly} Parquet sets.
 */
final class DuckDbVisits implements AutoCloseable {
    /** The whole job in one statement: CSV in, Parquet out. */
    static final String VISITS_MONTHLY = """
            COPY (
                SELECT substr(kode_wilayah, 1, 2)   AS province_code,
                       substr(kode_wilayah, 1, 4)   AS district_code,
                       CAST(year(day) AS INTEGER)   AS year,
                       CAST(month(day) AS INTEGER)  AS month,
                       upper(trim(program))         AS programme,
                       count(*)                     AS visits
                FROM (SELECT trim(kode_wilayah) AS kode_wilayah, program,
                             try_strptime(trim(tanggal_kunjungan), ['%Y-%m-%d', '%d/%m/%Y', '%d-%m-%Y']) AS day
                      FROM read_csv('{csv}', header = true, delim = ',', quote = '"', escape = '"',
                                    all_varchar = true))
                GROUP BY ALL
                ORDER BY district_code, year, month, programme
            ) TO '{out}' (FORMAT parquet)
            """;

    /** The baseline's grain: the ETL's table has more columns (service point, need), summed away here. */
    private static final String GRAIN = "SELECT province_code, district_code, year, month, programme,"
            + " CAST(sum(visits) AS BIGINT) AS visits FROM read_parquet('%s') GROUP BY ALL";

    /** Two visits_monthly sets compared: rows of each, visits of each, rows found in one set only. */
    record Comparison(long rowsA, long rowsB, long visitsA, long visitsB, long onlyInA, long onlyInB,
                      List<String> schemaA, List<String> schemaB) {
        boolean match() {
            return onlyInA == 0 && onlyInB == 0 && rowsA == rowsB && visitsA == visitsB && schemaA.equals(schemaB);
        }
    }

    private final Connection connection;

    /** Opens an in-process DuckDB (loading its native library) and runs a first query, before any timing. */
    DuckDbVisits() {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT 1");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB", e);
        }
    }

    String version() {
        return single("SELECT version()");
    }

    static String statement(Path inbox, Path out) {
        return VISITS_MONTHLY.replace("{csv}", literal(inbox.toAbsolutePath() + "/**/*.csv"))
                .replace("{out}", literal(out.toAbsolutePath().toString()));
    }

    /** Runs {@link #VISITS_MONTHLY} over every CSV under the inbox. */
    void visitsMonthly(Path inbox, Path out) {
        execute(statement(inbox, out));
    }

    /** Compares two sets (a Parquet file or glob each) both ways with EXCEPT ALL, and their schemas. */
    Comparison compare(String parquetA, String parquetB) {
        String a = "(" + GRAIN.formatted(literal(parquetA)) + ")";
        String b = "(" + GRAIN.formatted(literal(parquetB)) + ")";
        String sql = "SELECT (SELECT count(*) FROM " + a + "), (SELECT count(*) FROM " + b + "),"
                + " (SELECT coalesce(sum(visits), 0) FROM " + a + "), (SELECT coalesce(sum(visits), 0) FROM " + b + "),"
                + " (SELECT count(*) FROM (" + a + " EXCEPT ALL " + b + ")),"
                + " (SELECT count(*) FROM (" + b + " EXCEPT ALL " + a + "))";
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return new Comparison(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
                    schema(a), schema(b));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compare " + parquetA + " with " + parquetB, e);
        }
    }

    private List<String> schema(String relation) {
        List<String> columns = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
            while (r.next()) {
                columns.add(r.getString("column_name") + " " + r.getString("column_type"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot describe " + relation, e);
        }
        return columns;
    }

    private void execute(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    private String single(String sql) {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static String literal(String text) {
        return text.replace("'", "''");
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing an in-memory database: nothing is lost
        }
    }
}
