package id.slrt.bench.etl;

import id.slrt.etl.ingest.ExportKind;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The baseline: {@code visits_monthly}'s grain (district, month, programme) as one plain DuckDB statement
 * over the same CSV exports, written to one Parquet file; and the comparison of Parquet sets. The exports
 * are messy (districts write semicolons or commas, Windows-1252 or UTF-8, their own header spellings), so
 * the statement reads the visit files of each delimiter with one {@code read_csv} each, columns by
 * position, as {@link DuckDbSameWork} does; it checks nothing and keeps duplicates, so its counts are
 * those of every visit row, good or bad.
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
                      FROM ({reads}))
                GROUP BY ALL
                ORDER BY district_code, year, month, programme
            ) TO '{out}' (FORMAT parquet)
            """;

    /** One delimiter's visit files. */
    static final String READ = """
            SELECT kode_wilayah, program, tanggal_kunjungan
            FROM read_csv([{files}], header = true, delim = '{delim}', quote = '"', escape = '"', columns = {{types}},
                          auto_detect = false, null_padding = true, encoding = 'latin-1', strict_mode = false)
            """;

    private final Connection connection;

    /**
     * Opens an in-process DuckDB (loading its native library) and runs a first query, before any timing.
     *
     * @param temp   DuckDB's temp directory (in the work folder)
     * @param memory its memory limit, e.g. "4GB"
     */
    DuckDbVisits(Path temp, String memory) {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = connection.createStatement()) {
                s.execute("SET memory_limit = '" + literal(memory) + "'; SET temp_directory = '"
                        + literal(temp.toAbsolutePath().toString()) + "'; SELECT 1");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB", e);
        }
    }

    String version() {
        return single("SELECT version()");
    }

    static String statement(List<DuckDbSameWork.ExportFile> files, Path out) {
        List<String> reads = new ArrayList<>();
        for (char delimiter : new char[]{',', ';'}) {
            List<DuckDbSameWork.ExportFile> group = files.stream()
                    .filter(f -> f.kind() == ExportKind.VISITS && f.delimiter() == delimiter).toList();
            if (!group.isEmpty()) {
                reads.add(READ.replace("{files}", group.stream().map(f -> "'" + literal(f.absolute().toString()) + "'")
                                .collect(Collectors.joining(", "))).replace("{delim}", String.valueOf(delimiter))
                        .replace("{types}", ExportKind.VISITS.columns().stream().map(c -> "'" + c + "': 'VARCHAR'")
                                .collect(Collectors.joining(", "))));
            }
        }
        return VISITS_MONTHLY.replace("{reads}", String.join(" UNION ALL ", reads))
                .replace("{out}", literal(out.toAbsolutePath().toString()));
    }

    /** Runs {@link #VISITS_MONTHLY} over every visits export. */
    void visitsMonthly(List<DuckDbSameWork.ExportFile> files, Path out) {
        execute(statement(files, out));
    }

    /** The visit rows the baseline counted. */
    long visitRows(String parquet) {
        return Long.parseLong(single("SELECT coalesce(sum(visits), 0) FROM read_parquet('" + literal(parquet) + "')"));
    }

    /** Two tables of the same columns: rows of each, rows found in one only (EXCEPT ALL), schemas. */
    record TableMatch(long rowsA, long rowsB, long onlyInA, long onlyInB, List<String> schemaA, List<String> schemaB) {
        boolean match() {
            return onlyInA == 0 && onlyInB == 0 && rowsA == rowsB && schemaA.equals(schemaB);
        }
    }

    /** Compares two Parquet sets row for row, all columns (doubles rounded to 6 decimals). */
    TableMatch compareExact(String parquetA, String parquetB) {
        String rawA = "(SELECT * FROM read_parquet('" + literal(parquetA) + "'))";
        String rawB = "(SELECT * FROM read_parquet('" + literal(parquetB) + "'))";
        List<String> schemaA = schema(rawA);
        List<String> schemaB = schema(rawB);
        String columns = schemaA.stream().map(c -> {
            String name = c.substring(0, c.lastIndexOf(' '));
            return c.endsWith(" DOUBLE") || c.endsWith(" FLOAT") ? "round(\"" + name + "\", 6) AS \"" + name + "\""
                    : "\"" + name + "\"";
        }).collect(Collectors.joining(", "));
        String a = "(SELECT " + columns + " FROM " + rawA + ")";
        String b = "(SELECT " + columns + " FROM " + rawB + ")";
        String sql = "SELECT (SELECT count(*) FROM " + a + "), (SELECT count(*) FROM " + b + "),"
                + " (SELECT count(*) FROM (" + a + " EXCEPT ALL " + b + ")),"
                + " (SELECT count(*) FROM (" + b + " EXCEPT ALL " + a + "))";
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return new TableMatch(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), schemaA, schemaB);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compare " + parquetA + " with " + parquetB + ": " + e.getMessage(), e);
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
