package id.slrt.etl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares two published snapshots table by table, row for row, as sorted multisets of all columns (read
 * the way the dashboard reads them: DuckDB over the Parquet files). Doubles are equal within 1e-9.
 *
 * <p>{@link #TABLES} is the one list of a snapshot's tables: each is compared or named run-specific. A
 * snapshot folder holding a table not in it is a difference, so a new table cannot be skipped silently.
 */
final class SnapshotComparison {
    /** Every table of a snapshot (docs/warehouse.md) and whether its rows are compared. */
    static final Map<String, Boolean> TABLES = tables();
    /** Columns that differ between two snapshots by design: the staging batch names the run that parsed a file. */
    static final Map<String, Set<String>> RUN_SPECIFIC_COLUMNS = Map.of("files", Set.of("batch"));
    private static final double TOLERANCE = 1e-9;
    private static final int SHOWN = 8;

    private SnapshotComparison() {
    }

    private static Map<String, Boolean> tables() {
        Map<String, Boolean> tables = new LinkedHashMap<>();
        for (String compared : List.of("visits_monthly", "coverage_yearly", "district_activity", "people_yearly",
                "referrals_monthly", "referral_backlog", "quarantine", "quality_monthly", "quarantine_monthly",
                "files", "regions", "poverty")) {
            tables.put(compared, true);
        }
        tables.put(Etl.RUNS_TABLE, false); // every run's journal: run ids and times
        tables.put(Etl.SNAPSHOT_TABLE, false); // this snapshot's name, run id and build time
        return java.util.Collections.unmodifiableMap(tables);
    }

    static List<String> comparedTables() {
        return TABLES.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    /** Differences between two snapshots beyond the run-specific ones; empty when they are equal. */
    static List<String> differences(Path expected, Path actual) {
        return differences(expected, actual, RUN_SPECIFIC_COLUMNS);
    }

    /**
     * @param ignoredColumns per table, columns left out of the comparison (the run-specific ones
     *                       {@link #RUN_SPECIFIC_COLUMNS} should be among them)
     */
    static List<String> differences(Path expected, Path actual, Map<String, Set<String>> ignoredColumns) {
        List<String> problems = new ArrayList<>();
        for (Path snapshot : List.of(expected, actual)) {
            Set<String> present = tablesIn(snapshot);
            for (String unknown : present) {
                if (!TABLES.containsKey(unknown)) {
                    problems.add(snapshot.getFileName() + " holds table " + unknown
                            + " that SnapshotComparison.TABLES does not know: add it (compared or run-specific)");
                }
            }
            for (String known : TABLES.keySet()) {
                if (!present.contains(known)) {
                    problems.add(snapshot.getFileName() + " lacks table " + known);
                }
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String table : comparedTables()) {
                Set<String> ignored = ignoredColumns.getOrDefault(table, Set.of());
                Table a = read(c, expected.resolve(table), ignored);
                Table b = read(c, actual.resolve(table), ignored);
                problems.addAll(compare(table, a, b));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return problems;
    }

    private static Set<String> tablesIn(Path snapshot) {
        try (Stream<Path> entries = Files.list(snapshot)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.startsWith("_"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table's columns and rows (doubles as Double, everything else as its text, nulls kept), sorted. */
    record Table(List<String> columns, List<List<Object>> rows) {
    }

    static Table read(Connection c, Path tableDir, Set<String> ignored) throws SQLException {
        boolean hasFiles;
        try (Stream<Path> files = Files.list(tableDir)) {
            hasFiles = files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!hasFiles) {
            return new Table(List.of(), List.of());
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + tableDir + "/*.parquet')")) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Integer> kept = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (!ignored.contains(meta.getColumnName(i))) {
                    kept.add(i);
                    columns.add(meta.getColumnName(i));
                }
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(kept.size());
                for (int i : kept) {
                    Object value = rs.getObject(i);
                    row.add(value == null ? null : value instanceof Double || value instanceof Float
                            ? Double.valueOf(((Number) value).doubleValue()) : rs.getString(i));
                }
                rows.add(row);
            }
            rows.sort(Comparator.comparing(SnapshotComparison::key));
            return new Table(columns, rows);
        }
    }

    /** A row as text for sorting and for messages; doubles rounded to 8 decimals. */
    static String key(List<Object> row) {
        return row.stream().map(v -> v == null ? "∅" : v instanceof Double d
                        ? (d.isNaN() || d.isInfinite() ? d.toString()
                        : new BigDecimal(d).setScale(8, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString())
                        : v.toString())
                .collect(Collectors.joining(" | "));
    }

    private static List<String> compare(String table, Table a, Table b) {
        List<String> problems = new ArrayList<>();
        if (!a.columns().equals(b.columns()) && !a.rows().isEmpty() && !b.rows().isEmpty()) {
            return List.of(table + ": columns " + a.columns() + " vs " + b.columns());
        }
        boolean equal = a.rows().size() == b.rows().size();
        for (int i = 0; equal && i < a.rows().size(); i++) {
            equal = same(a.rows().get(i), b.rows().get(i));
        }
        if (equal) {
            return problems;
        }
        Map<String, Integer> count = new HashMap<>();
        a.rows().forEach(r -> count.merge(key(r), 1, Integer::sum));
        b.rows().forEach(r -> count.merge(key(r), -1, Integer::sum));
        Map<String, Integer> diff = new TreeMap<>();
        count.forEach((k, n) -> {
            if (n != 0) {
                diff.put(k, n);
            }
        });
        StringBuilder message = new StringBuilder(table + " (" + String.join(" | ", a.columns().isEmpty()
                ? b.columns() : a.columns()) + "): " + a.rows().size() + " rows vs " + b.rows().size());
        List<String> onlyA = diff.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + (e.getValue() > 1 ? " (x" + e.getValue() + ")" : "")).toList();
        List<String> onlyB = diff.entrySet().stream().filter(e -> e.getValue() < 0)
                .map(e -> e.getKey() + (e.getValue() < -1 ? " (x" + -e.getValue() + ")" : "")).toList();
        message.append("\n    only in expected (").append(onlyA.size()).append("):");
        onlyA.stream().limit(SHOWN).forEach(r -> message.append("\n      ").append(r));
        message.append("\n    only in actual (").append(onlyB.size()).append("):");
        onlyB.stream().limit(SHOWN).forEach(r -> message.append("\n      ").append(r));
        if (onlyA.isEmpty() && onlyB.isEmpty()) {
            message.append("\n    (the same rows after rounding: doubles differ by more than ").append(TOLERANCE).append(')');
        }
        problems.add(message.toString());
        return problems;
    }

    private static boolean same(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x instanceof Double d && y instanceof Double e) {
                if (!(d.equals(e) || Math.abs(d - e) <= TOLERANCE)) {
                    return false;
                }
            } else if (!java.util.Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }
}
