package id.slrt.dashboard.national;

import id.slrt.dashboard.security.RegionScope;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.warehouse.Rollups;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Tables;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The national view's numbers for directors: totals with the change on the year before, visits and
 * referrals per month, coverage growth, and the ranking of provinces (or of one province's districts).
 * Tables: visits by month and programme (%1$s, an aggregate of visits_monthly without the service point
 * and need), referrals_monthly (%2$s), referral_backlog (%3$s), regions (%4$s); coverage reads the
 * districts active per year (%1$s there).
 */
@Service
public class NationalService {

    static final String TOTALS_SQL = """
            SELECT (SELECT coalesce(sum(visits), 0) FROM %1$s%5$s),
                   (SELECT coalesce(sum(visits), 0) FROM %1$s%6$s),
                   (SELECT coalesce(sum(referred), 0) FROM %2$s%5$s),
                   (SELECT coalesce(sum(completed), 0) FROM %2$s%5$s),
                   (SELECT count(DISTINCT district_code) FROM %1$s%5$s)
            """;

    static final String MONTHLY_SQL = """
            WITH cur AS (SELECT year, month, sum(visits) AS visits FROM %1$s%5$s GROUP BY year, month),
                 prev AS (SELECT year + 1 AS year, month, sum(visits) AS visits FROM %1$s%6$s GROUP BY year, month),
                 ref AS (SELECT year, month, sum(referred) AS referred, sum(completed) AS completed
                         FROM %2$s%5$s GROUP BY year, month)
            SELECT cur.year, cur.month, cur.visits, coalesce(prev.visits, 0), coalesce(ref.referred, 0),
                   coalesce(ref.completed, 0)
            FROM cur LEFT JOIN prev USING (year, month) LEFT JOIN ref USING (year, month)
            ORDER BY cur.year, cur.month
            """;

    static final String COVERAGE_SQL = """
            SELECT year, count(DISTINCT district_code), count(DISTINCT province_code)
            FROM %1$s%5$s GROUP BY year ORDER BY year
            """;

    /** %7$s: province_code or district_code, the level ranked. */
    static final String RANKING_SQL = """
            WITH cur AS (SELECT %7$s AS code, sum(visits) AS visits FROM %1$s%5$s GROUP BY 1),
                 prev AS (SELECT %7$s AS code, sum(visits) AS visits FROM %1$s%6$s GROUP BY 1),
                 ref AS (SELECT %7$s AS code, sum(referred) AS referred, sum(completed) AS completed
                         FROM %2$s%5$s GROUP BY 1),
                 bl AS (SELECT %7$s AS code, sum(open) AS open, coalesce(sum(open) FILTER (age_band = '>90'), 0) AS old
                        FROM %3$s WHERE ym = ?%8$s GROUP BY 1)
            SELECT cur.code, any_value(r.type), any_value(r.name), any_value(cur.visits),
                   coalesce(any_value(prev.visits), 0), coalesce(any_value(ref.referred), 0),
                   coalesce(any_value(ref.completed), 0), coalesce(any_value(bl.open), 0), coalesce(any_value(bl.old), 0)
            FROM cur LEFT JOIN prev USING (code) LEFT JOIN ref USING (code) LEFT JOIN bl USING (code)
                     LEFT JOIN %4$s r ON r.code = cur.code
            GROUP BY cur.code
            ORDER BY any_value(cur.visits) DESC, cur.code
            """;

    private final Warehouse warehouse;

    public NationalService(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public record Totals(long visits, long visitsYearBefore, long referred, long completed, long districts) {
    }

    public record Month(YearMonth month, long visits, long visitsYearBefore, long referred, long completed) {
    }

    public record Coverage(int year, long districts, long provinces) {
    }

    /** One province or district of the ranking; {@code open} and {@code openOver90} at the period's end. */
    public record Ranked(String code, String type, String name, long visits, long visitsYearBefore, long referred,
                         long completed, long open, long openOver90) {

        public Double completionRate() {
            return referred == 0 ? null : completed / (double) referred;
        }

        public Double change() {
            return visitsYearBefore == 0 ? null : (visits - visitsYearBefore) / (double) visitsYearBefore;
        }
    }

    public Totals totals(Snapshot snapshot, Filters filters) {
        filters = RegionScope.current().enforce(filters);
        Tables t = tables(snapshot);
        if (t.missing()) {
            return new Totals(0, 0, 0, 0, 0);
        }
        Filters.Where now = filters.where(true);
        Filters.Where before = filters.yearEarlier().where(true);
        List<Object> params = new ArrayList<>();
        for (Filters.Where w : List.of(now, before, now, now, now)) {
            params.addAll(w.params());
        }
        return warehouse.query(sql(t, TOTALS_SQL, now, before), params, rows -> {
            rows.next();
            return new Totals(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5));
        });
    }

    public List<Month> monthly(Snapshot snapshot, Filters filters) {
        filters = RegionScope.current().enforce(filters);
        Tables t = tables(snapshot);
        if (t.missing()) {
            return List.of();
        }
        Filters.Where now = filters.where(true);
        Filters.Where before = filters.yearEarlier().where(true);
        List<Object> params = new ArrayList<>(now.params());
        params.addAll(before.params());
        params.addAll(now.params());
        return warehouse.list(sql(t, MONTHLY_SQL, now, before), params,
                row -> new Month(YearMonth.of(row.getInt(1), row.getInt(2)), row.getLong(3), row.getLong(4),
                        row.getLong(5), row.getLong(6)));
    }

    /** Districts and provinces with visits per year, in the filtered region (all years). */
    public List<Coverage> coverage(Snapshot snapshot, Filters filters) {
        filters = RegionScope.current().enforce(filters);
        Tables t = coverageTables(snapshot);
        if (t.missing()) {
            return List.of();
        }
        Filters.Where region = filters.whereRegion();
        return warehouse.list(sql(t, COVERAGE_SQL, region, region), region.params(),
                row -> new Coverage(row.getInt(1), row.getLong(2), row.getLong(3)));
    }

    /**
     * Provinces ranked by visits, or the districts of the filtered province (a chosen district is
     * ranked among its province's districts).
     */
    public List<Ranked> ranking(Snapshot snapshot, Filters filters) {
        filters = RegionScope.current().enforce(filters);
        Tables t = tables(snapshot);
        if (t.missing()) {
            return List.of();
        }
        boolean districts = filters.province() != null;
        Filters scope = filters.withProvince(filters.province());
        Filters.Where now = scope.where(true);
        Filters.Where before = scope.yearEarlier().where(true);
        Filters.Where region = scope.whereRegion();
        List<Object> params = new ArrayList<>(now.params());
        params.addAll(before.params());
        params.addAll(now.params());
        params.add(filters.to().getYear() * 100 + filters.to().getMonthValue());
        params.addAll(region.params());
        String sql = t.sql(RANKING_SQL.replace("%5$s", now.sql()).replace("%6$s", before.sql())
                .replace("%7$s", districts ? "district_code" : "province_code").replace("%8$s", region.and()));
        return warehouse.list(sql, params,
                row -> new Ranked(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8), row.getLong(9)));
    }

    private Tables tables(Snapshot snapshot) {
        return Rollups.withVisitsByProgramme(warehouse, snapshot, "referrals_monthly", "referral_backlog", "regions");
    }

    private Tables coverageTables(Snapshot snapshot) {
        return Rollups.districtsByYear(warehouse, snapshot)
                .map(t -> new Tables(List.of(t), false)).orElse(new Tables(List.of(), true));
    }

    private static String sql(Tables t, String template, Filters.Where now, Filters.Where before) {
        return t.sql(template.replace("%5$s", now.sql()).replace("%6$s", before.sql()));
    }
}
