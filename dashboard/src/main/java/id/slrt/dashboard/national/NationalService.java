package id.slrt.dashboard.national;

import id.slrt.dashboard.security.RegionScope;
import java.time.YearMonth;
import java.util.List;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.alerts.Alert;
import id.slrt.dashboard.alerts.AlertsService;
import id.slrt.dashboard.security.AccessDenied;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.ScopedQuery;

/**
 * The national view's numbers for directors: totals with the change on the year before, visits and
 * referrals per month, coverage growth, and the ranking of provinces (or of one province's districts).
 * Visits come from {@code visits_by_programme} (visits_monthly without the service point and need);
 * coverage reads the districts active per year. Every query runs through {@link ScopedQuery} with the
 * user's scope ({@code {region}}, {@code {period}}...).
 */
@Service
public class NationalService {

    static final String TOTALS_SQL = """
            SELECT (SELECT coalesce(sum(visits), 0) FROM {visits_by_programme} WHERE {period} AND {region} AND {programme}),
                   (SELECT coalesce(sum(visits), 0) FROM {visits_by_programme} WHERE {period_year_before} AND {region} AND {programme}),
                   (SELECT coalesce(sum(referred), 0) FROM {referrals_monthly} WHERE {period} AND {region} AND {programme}),
                   (SELECT coalesce(sum(completed), 0) FROM {referrals_monthly} WHERE {period} AND {region} AND {programme}),
                   (SELECT count(DISTINCT district_code) FROM {visits_by_programme} WHERE {period} AND {region} AND {programme})
            """;

    static final String MONTHLY_SQL = """
            WITH cur AS (SELECT year, month, sum(visits) AS visits FROM {visits_by_programme}
                         WHERE {period} AND {region} AND {programme} GROUP BY year, month),
                 prev AS (SELECT year + 1 AS year, month, sum(visits) AS visits FROM {visits_by_programme}
                          WHERE {period_year_before} AND {region} AND {programme} GROUP BY year, month),
                 ref AS (SELECT year, month, sum(referred) AS referred, sum(completed) AS completed
                         FROM {referrals_monthly} WHERE {period} AND {region} AND {programme} GROUP BY year, month)
            SELECT cur.year, cur.month, cur.visits, coalesce(prev.visits, 0), coalesce(ref.referred, 0),
                   coalesce(ref.completed, 0)
            FROM cur LEFT JOIN prev USING (year, month) LEFT JOIN ref USING (year, month)
            ORDER BY cur.year, cur.month
            """;

    static final String COVERAGE_SQL = """
            SELECT year, count(DISTINCT district_code), count(DISTINCT province_code)
            FROM {districts_by_year} WHERE {region} GROUP BY year ORDER BY year
            """;

    /**
     * Per province, or per district with :by_district, the period's visits (cur), the same months a year
     * earlier (prev), referrals made and completed (ref) and the backlog at :end, the period's last month
     * (bl): the ranking's and the map's (map.MapService) common measures.
     */
    public static final String REGION_MEASURES = """
            cur AS (SELECT CASE WHEN :by_district THEN district_code ELSE province_code END AS code, sum(visits) AS visits
                         FROM {visits_by_programme} WHERE {period} AND {region} AND {programme} GROUP BY 1),
                 prev AS (SELECT CASE WHEN :by_district THEN district_code ELSE province_code END AS code, sum(visits) AS visits
                          FROM {visits_by_programme} WHERE {period_year_before} AND {region} AND {programme} GROUP BY 1),
                 ref AS (SELECT CASE WHEN :by_district THEN district_code ELSE province_code END AS code,
                                sum(referred) AS referred, sum(completed) AS completed,
                                sum(completed_within_sla) AS within_sla
                         FROM {referrals_monthly} WHERE {period} AND {region} AND {programme} GROUP BY 1),
                 bl AS (SELECT CASE WHEN :by_district THEN district_code ELSE province_code END AS code, sum(open) AS open,
                               coalesce(sum(open) FILTER (age_band = '>90'), 0) AS old
                        FROM {referral_backlog} WHERE ym = :end AND {region} GROUP BY 1)
            """;

    /** :by_district: rank the districts (of a province) rather than the provinces; :end the period's last month. */
    static final String RANKING_SQL = "WITH " + REGION_MEASURES + """
            SELECT cur.code, any_value(r.type), any_value(r.name), any_value(cur.visits),
                   coalesce(any_value(prev.visits), 0), coalesce(any_value(ref.referred), 0),
                   coalesce(any_value(ref.completed), 0), coalesce(any_value(bl.open), 0), coalesce(any_value(bl.old), 0)
            FROM cur LEFT JOIN prev USING (code) LEFT JOIN ref USING (code) LEFT JOIN bl USING (code)
                     LEFT JOIN {regions} r ON r.code = cur.code
            GROUP BY cur.code
            ORDER BY any_value(cur.visits) DESC, cur.code
            """;

    private final ScopedQuery queries;
    private final AlertsService alerts;

    public NationalService(ScopedQuery queries, AlertsService alerts) {
        this.alerts = alerts;
        this.queries = queries;
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
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        return queries.sql(snapshot, scoped, TOTALS_SQL).requires("referral_backlog", "regions").read(rows -> {
            rows.next();
            return new Totals(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5));
        }, new Totals(0, 0, 0, 0, 0));
    }

    public List<Month> monthly(Snapshot snapshot, Filters filters) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        return queries.sql(snapshot, scoped, MONTHLY_SQL).requires("referral_backlog", "regions").list(
                row -> new Month(YearMonth.of(row.getInt(1), row.getInt(2)), row.getLong(3), row.getLong(4),
                        row.getLong(5), row.getLong(6)));
    }

    /** Districts and provinces with visits per year, in the filtered region (all years). */
    public List<Coverage> coverage(Snapshot snapshot, Filters filters) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        return queries.sql(snapshot, scoped, COVERAGE_SQL).list(
                row -> new Coverage(row.getInt(1), row.getLong(2), row.getLong(3)));
    }

    /**
     * The ranking's alert column: the districts' alerts of the period (Peringatan) per province, or per
     * district of the filtered province. Counts of unusual months, not of people: no disclosure rule.
     */
    public Map<String, Long> alertCounts(Snapshot snapshot, Filters filters, YearMonth latest) {
        Filters f = RegionScope.current().enforce(filters).filters();
        boolean byDistrict = f.province() != null;
        Filters whole = f;
        if (f.district() != null) {
            // A chosen district is ranked among its province's districts: count theirs too, if the user may.
            try {
                whole = RegionScope.current().enforce(new Filters(f.from(), f.to(), f.province(), null, f.programme())).filters();
            } catch (AccessDenied e) {
                whole = f;
            }
        }
        return alerts.alerts(snapshot, whole, null, latest).stream()
                .filter(a -> a.level().equals(Alert.DISTRICT))
                .collect(Collectors.groupingBy(a -> byDistrict ? a.code() : a.code().substring(0, 2), Collectors.counting()));
    }

    /**
     * Provinces ranked by visits, or the districts of the filtered province (a chosen district is
     * ranked among its province's districts).
     */
    public List<Ranked> ranking(Snapshot snapshot, Filters filters) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        Filters f = scoped.filters();
        return queries.sql(snapshot, scoped, RANKING_SQL)
                .bind("by_district", f.province() != null)
                .bind("end", f.to().getYear() * 100 + f.to().getMonthValue())
                .list(row -> new Ranked(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8), row.getLong(9)));
    }
}
