package id.slrt.dashboard.warehouse;

import java.util.List;

/**
 * The tables of one snapshot as DuckDB table names for SQL templates: {@code %1$s} is the first table
 * asked for, {@code %2$s} the second, and so on. A missing table reads as an empty one is not possible
 * in SQL, so {@link #missing()} tells the service to answer "no data".
 */
public record Tables(List<String> names, boolean missing) {

    /** The tables of the snapshot, in the order given. */
    public static Tables of(Warehouse warehouse, Snapshot snapshot, String... tables) {
        List<java.util.Optional<String>> found = java.util.Arrays.stream(tables)
                .map(t -> warehouse.table(snapshot, t)).toList();
        boolean missing = found.stream().anyMatch(java.util.Optional::isEmpty);
        return new Tables(found.stream().map(o -> o.orElse("missing")).toList(), missing);
    }

    /** The SQL template with the table names filled in. */
    public String sql(String template) {
        return template.formatted(names.toArray());
    }
}
