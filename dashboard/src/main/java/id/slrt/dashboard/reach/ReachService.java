package id.slrt.dashboard.reach;

import id.slrt.dashboard.security.RegionScope;
import java.util.List;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.ScopedQuery;

/**
 * Reach for planners: people served per 1,000 poor residents per district, from the distinct people of
 * {@code people_yearly} and the BPS poor population in {@code poverty} (latest year), with
 * names from {@code regions}. A district is flagged when its poverty rate is at or above the
 * median of the districts shown and its reach below their median: many poor, few reached.
 */
@Service
public class ReachService {

    static final String REACH_SQL = """
            WITH pov AS (SELECT * FROM {poverty} WHERE year = (SELECT max(year) FROM {poverty})),
                 served AS (SELECT district_code, sum(people) AS people FROM {people_yearly} WHERE year = :year AND {region} GROUP BY district_code),
                 joined AS (
                   SELECT s.district_code, r.type, r.name, s.people, pov.poor_population, pov.poverty_rate_pct,
                          pov.reference_period, 1000.0 * s.people / nullif(pov.poor_population, 0) AS per_thousand
                   FROM served s JOIN pov ON pov.district_code = s.district_code
                   LEFT JOIN {regions} r ON r.code = s.district_code)
            SELECT *, poverty_rate_pct >= (SELECT median(poverty_rate_pct) FROM joined)
                      AND per_thousand < (SELECT median(per_thousand) FROM joined) AS flagged
            FROM joined
            ORDER BY per_thousand, district_code
            """;

    private final ScopedQuery queries;

    public ReachService(ScopedQuery queries) {
        this.queries = queries;
    }

    public record Reach(String code, String type, String name, long people, long poor, double povertyRate,
                        String referencePeriod, Double perThousandPoor, boolean flagged) {
    }

    /** Districts with visits in the year, in the filtered region, least reached first. */
    public List<Reach> reach(Snapshot snapshot, Filters filters, int year) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        return queries.sql(snapshot, scoped, REACH_SQL).bind("year", year).list(
                row -> new Reach(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getDouble(6), row.getString(7), (Double) row.getObject(8),
                        row.getBoolean(9)));
    }
}
