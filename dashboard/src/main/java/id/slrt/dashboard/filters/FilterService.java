package id.slrt.dashboard.filters;

import id.slrt.dashboard.security.RegionScope;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.ScopedQuery;

/** The options of the filter bar: months and regions with visits. Read once per snapshot. */
@Service
public class FilterService {

    static final String MONTHS_SQL = "SELECT min(ym), max(ym) FROM {visits_monthly}";

    static final String REGIONS_SQL = """
            WITH d AS (SELECT DISTINCT district_code FROM {visits_monthly})
            SELECT c.code, any_value(r.type), any_value(r.name), any_value(c.p) FROM (
              SELECT d.district_code AS code, substr(d.district_code, 1, 2) AS p FROM d
              UNION ALL
              SELECT DISTINCT substr(d.district_code, 1, 2), substr(d.district_code, 1, 2) FROM d
            ) c LEFT JOIN {regions} r ON r.code = c.code
            GROUP BY c.code ORDER BY c.code
            """;

    /** The same without names, for a snapshot without the regions reference. */
    static final String REGION_CODES_SQL = REGIONS_SQL
            .replace("LEFT JOIN {regions} r ON r.code = c.code", "LEFT JOIN (SELECT NULL::VARCHAR AS code, NULL::VARCHAR AS type,"
                    + " NULL::VARCHAR AS name WHERE false) r ON r.code = c.code");

    private final ScopedQuery queries;
    private final Map<String, FilterOptions> bySnapshot = new ConcurrentHashMap<>();

    public FilterService(ScopedQuery queries) {
        this.queries = queries;
    }

    public FilterOptions options(Snapshot snapshot) {
        if (bySnapshot.size() > 4) {
            bySnapshot.clear();
        }
        // Read once for everyone, then cut to what this user may see.
        return RegionScope.current().restrict(bySnapshot.computeIfAbsent(snapshot.name(), name -> read(snapshot)));
    }

    /**
     * WHY a reference query: the months with data and the codes and names of the regions with visits hold
     * no counts; read once for all users, they are cut to the user's scope by {@link RegionScope#restrict}.
     */
    private FilterOptions read(Snapshot snapshot) {
        YearMonth[] range = queries.reference(snapshot, MONTHS_SQL).read(rows -> {
            rows.next();
            int first = rows.getInt(1);
            return rows.wasNull() ? null : new YearMonth[] {ym(first), ym(rows.getInt(2))};
        }, null);
        if (range == null) {
            return FilterOptions.EMPTY;
        }
        List<Region> provinces = new ArrayList<>();
        List<Region> districts = new ArrayList<>();
        queries.reference(snapshot, queries.has(snapshot, "regions") ? REGIONS_SQL : REGION_CODES_SQL).read(rows -> {
            while (rows.next()) {
                Region r = new Region(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4));
                (r.isDistrict() ? districts : provinces).add(r);
            }
            return null;
        }, null);
        return new FilterOptions(range[0], range[1], provinces, districts);
    }

    private static YearMonth ym(int yyyymm) {
        return YearMonth.of(yyyymm / 100, yyyymm % 100);
    }
}
