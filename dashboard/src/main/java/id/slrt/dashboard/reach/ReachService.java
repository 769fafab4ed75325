package id.slrt.dashboard.reach;

import id.slrt.dashboard.security.RegionScope;
import java.util.List;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Tables;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * Reach for planners: people served per 1,000 poor residents per district, from the distinct people of
 * {@code people_yearly} (%1$s) and the BPS poor population in {@code poverty} (%2$s, latest year), with
 * names from {@code regions} (%3$s). A district is flagged when its poverty rate is at or above the
 * median of the districts shown and its reach below their median: many poor, few reached.
 */
@Service
public class ReachService {

    static final String REACH_SQL = """
            WITH pov AS (SELECT * FROM %2$s WHERE year = (SELECT max(year) FROM %2$s)),
                 served AS (SELECT district_code, sum(people) AS people FROM %1$s WHERE year = ?%4$s GROUP BY district_code),
                 joined AS (
                   SELECT s.district_code, r.type, r.name, s.people, pov.poor_population, pov.poverty_rate_pct,
                          pov.reference_period, 1000.0 * s.people / nullif(pov.poor_population, 0) AS per_thousand
                   FROM served s JOIN pov ON pov.district_code = s.district_code
                   LEFT JOIN %3$s r ON r.code = s.district_code)
            SELECT *, poverty_rate_pct >= (SELECT median(poverty_rate_pct) FROM joined)
                      AND per_thousand < (SELECT median(per_thousand) FROM joined) AS flagged
            FROM joined
            ORDER BY per_thousand, district_code
            """;

    private final Warehouse warehouse;

    public ReachService(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public record Reach(String code, String type, String name, long people, long poor, double povertyRate,
                        String referencePeriod, Double perThousandPoor, boolean flagged) {
    }

    /** Districts with visits in the year, in the filtered region, least reached first. */
    public List<Reach> reach(Snapshot snapshot, Filters filters, int year) {
        filters = RegionScope.current().enforce(filters);
        Tables t = Tables.of(warehouse, snapshot, "people_yearly", "poverty", "regions");
        if (t.missing()) {
            return List.of();
        }
        Filters.Where region = filters.whereRegion();
        return warehouse.list(t.sql(REACH_SQL.replace("%4$s", region.and())), region.after(year),
                row -> new Reach(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getDouble(6), row.getString(7), (Double) row.getObject(8),
                        row.getBoolean(9)));
    }
}
