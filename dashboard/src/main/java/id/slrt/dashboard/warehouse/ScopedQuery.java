package id.slrt.dashboard.warehouse;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.security.RegionScope;

/**
 * The only way to run SQL over the warehouse from outside this package, and its one templating style.
 * A service writes its SQL as a constant with named placeholders and runs it here:
 *
 * <ul>
 *   <li>{@code {visits_monthly}}, {@code {regions}}...: a table of the snapshot (also the aggregates
 *       {@code {visits_by_programme}} and {@code {districts_by_year}}, see {@link Rollups});</li>
 *   <li>{@code {region}}: the region condition of the {@link RegionScope.Scoped} filters, which only
 *       {@link RegionScope#enforce} makes ({@code TRUE} for a national user without a region);</li>
 *   <li>{@code {period}}, {@code {period_year_before}}, {@code {programme}}: the filters' months (the same
 *       months a year earlier) and programme, {@code TRUE} when not set;</li>
 *   <li>{@code {region:q}} and the like: the same on table alias {@code q};</li>
 *   <li>{@code :name}: a value bound with {@link Sql#bind}, always as a JDBC parameter, never as text.</li>
 * </ul>
 *
 * <p>WHY here: the region condition is written once, by this class, from a value the user's scope made;
 * a query over regional data without {@code {region}} is refused before it runs. ArchitectureTest fails
 * when any class outside this package uses JDBC or DuckDB, or {@link Warehouse}'s SQL methods.
 */
@Component
public class ScopedQuery {

    /** {name} or {name:alias} (a table or a filter condition), or :name (a bound value; not ::casts). */
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{([a-z][a-z0-9_]*)(?::([a-z][a-z0-9_]*))?}|(?<![:\\w]):([a-z][a-z0-9_]*)");
    private static final List<String> CONDITIONS = List.of("region", "period", "period_year_before", "programme");

    private final Warehouse warehouse;

    public ScopedQuery(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * A query over regional data, for filters checked by the user's scope. The template must hold
     * {@code {region}} (or {@code {region:alias}}).
     */
    public Sql sql(Snapshot snapshot, RegionScope.Scoped scoped, String template) {
        Objects.requireNonNull(scoped, "a query over the warehouse needs the user's scope");
        if (!template.contains("{region}") && !template.contains("{region:")) {
            throw new IllegalArgumentException("a query over regional data must hold {region}: " + template);
        }
        return new Sql(snapshot, scoped.filters(), template);
    }

    /**
     * A query over data that holds no region's numbers: the ETL's runs, region names, the range of months
     * with data. It takes no filters, so it cannot narrow by region; use {@link #sql} for anything a
     * region's user may not see. ArchitectureTest names the few classes allowed to call it.
     */
    public Sql reference(Snapshot snapshot, String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (m.group(1) != null && CONDITIONS.contains(m.group(1))) {
                throw new IllegalArgumentException("a reference query has no filters: " + template);
            }
        }
        return new Sql(snapshot, null, template);
    }

    /** Whether the snapshot has the table (for a query that does without an optional one). */
    public boolean has(Snapshot snapshot, String table) {
        return tableName(snapshot, table).isPresent();
    }

    private Optional<String> tableName(Snapshot snapshot, String table) {
        return switch (table) {
            case "visits_by_programme" -> Rollups.visitsByProgramme(warehouse, snapshot);
            case "districts_by_year" -> Rollups.districtsByYear(warehouse, snapshot);
            default -> warehouse.table(snapshot, table);
        };
    }

    /** Maps one row of a result. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(Row row);
    }

    /** Reads a whole result (call {@link Row#next()} to move). */
    @FunctionalInterface
    public interface RowsReader<T> {
        T read(Row rows);
    }

    /** One query: its template, the filters that fill its conditions, and its bound values. */
    public final class Sql {

        private final Snapshot snapshot;
        private final Filters filters;
        private final String template;
        private final Map<String, Object> values = new HashMap<>();
        private final List<String> required = new ArrayList<>();

        private Sql(Snapshot snapshot, Filters filters, String template) {
            this.snapshot = Objects.requireNonNull(snapshot);
            this.filters = filters;
            this.template = template;
        }

        /** A value for {@code :name}. */
        public Sql bind(String name, Object value) {
            values.put(name, value);
            return this;
        }

        /**
         * Tables the screen needs besides those the query names: without one of them the answer is the
         * "no data" one, so every part of a screen says the same.
         */
        public Sql requires(String... tables) {
            required.addAll(List.of(tables));
            return this;
        }

        /** Every row mapped, in order; empty when the snapshot lacks a table the query names. */
        public <T> List<T> list(RowMapper<T> mapper) {
            return read(rows -> {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }, List.of());
        }

        /** The result read whole; {@code whenMissing} when the snapshot lacks a table the query names. */
        public <T> T read(RowsReader<T> reader, T whenMissing) {
            List<Object> parameters = new ArrayList<>();
            Optional<String> sql = render(parameters);
            if (sql.isEmpty()) {
                return whenMissing;
            }
            return warehouse.query(sql.get(), parameters, rows -> reader.read(new Row(rows)));
        }

        /** The SQL with tables named and conditions written, parameters in order; empty if a table is missing. */
        private Optional<String> render(List<Object> parameters) {
            if (!required.stream().allMatch(t -> has(snapshot, t))) {
                return Optional.empty();
            }
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder sql = new StringBuilder();
            while (m.find()) {
                String text;
                if (m.group(3) != null) {
                    if (!values.containsKey(m.group(3))) {
                        throw new IllegalArgumentException("no value bound for :" + m.group(3));
                    }
                    parameters.add(values.get(m.group(3)));
                    text = "?";
                } else if (CONDITIONS.contains(m.group(1))) {
                    text = condition(m.group(1), m.group(2) == null ? "" : m.group(2) + ".", parameters);
                } else {
                    Optional<String> table = tableName(snapshot, m.group(1));
                    if (table.isEmpty()) {
                        return Optional.empty();
                    }
                    text = table.get() + (m.group(2) == null ? "" : " " + m.group(2));
                }
                m.appendReplacement(sql, Matcher.quoteReplacement(text));
            }
            m.appendTail(sql);
            return Optional.of(sql.toString());
        }

        private String condition(String name, String alias, List<Object> parameters) {
            return switch (name) {
                case "region" -> {
                    if (filters.district() != null) {
                        parameters.add(filters.district());
                        yield "(" + alias + "district_code = ?)";
                    }
                    if (filters.province() != null) {
                        parameters.add(filters.province());
                        yield "(" + alias + "province_code = ?)";
                    }
                    yield "TRUE"; // a national user's filters without a region: enforce() never lets a regional user here
                }
                case "period" -> period(filters.from(), filters.to(), alias, parameters);
                case "period_year_before" -> period(filters.from() == null ? null : filters.from().minusYears(1),
                        filters.to() == null ? null : filters.to().minusYears(1), alias, parameters);
                case "programme" -> {
                    if (filters.programme() == null) {
                        yield "TRUE";
                    }
                    parameters.add(filters.programme());
                    yield "(" + alias + "programme = ?)";
                }
                default -> throw new IllegalStateException(name);
            };
        }

        private static String period(YearMonth from, YearMonth to, String alias, List<Object> parameters) {
            List<String> parts = new ArrayList<>();
            if (from != null) {
                parts.add(alias + "ym >= ?");
                parameters.add(from.getYear() * 100 + from.getMonthValue());
            }
            if (to != null) {
                parts.add(alias + "ym <= ?");
                parameters.add(to.getYear() * 100 + to.getMonthValue());
            }
            return parts.isEmpty() ? "TRUE" : "(" + String.join(" AND ", parts) + ")";
        }
    }
}
