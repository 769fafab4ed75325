package id.slrt.dashboard.filters;

import id.slrt.dashboard.security.RegionScope;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;

/** The options of the filter bar: months and regions with visits. Read once per snapshot. */
@Service
public class FilterService {

    static final String MONTHS_SQL = "SELECT min(ym), max(ym) FROM %s";

    static final String REGIONS_SQL = """
            WITH d AS (SELECT DISTINCT district_code FROM %1$s)
            SELECT c.code, any_value(r.type), any_value(r.name), any_value(c.p) FROM (
              SELECT d.district_code AS code, substr(d.district_code, 1, 2) AS p FROM d
              UNION ALL
              SELECT DISTINCT substr(d.district_code, 1, 2), substr(d.district_code, 1, 2) FROM d
            ) c LEFT JOIN %2$s r ON r.code = c.code
            GROUP BY c.code ORDER BY c.code
            """;

    private final Warehouse warehouse;
    private final Map<String, FilterOptions> bySnapshot = new ConcurrentHashMap<>();

    public FilterService(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public FilterOptions options(Snapshot snapshot) {
        if (bySnapshot.size() > 4) {
            bySnapshot.clear();
        }
        // Read once for everyone, then cut to what this user may see.
        return RegionScope.current().restrict(bySnapshot.computeIfAbsent(snapshot.name(), name -> read(snapshot)));
    }

    private FilterOptions read(Snapshot snapshot) {
        Optional<String> visits = warehouse.table(snapshot, "visits_monthly");
        if (visits.isEmpty()) {
            return FilterOptions.EMPTY;
        }
        YearMonth[] range = warehouse.query(MONTHS_SQL.formatted(visits.get()), List.of(), rows -> {
            rows.next();
            int first = rows.getInt(1);
            return rows.wasNull() ? null : new YearMonth[] {ym(first), ym(rows.getInt(2))};
        });
        if (range == null) {
            return FilterOptions.EMPTY;
        }
        String regions = warehouse.table(snapshot, "regions")
                .orElse("(SELECT NULL::VARCHAR AS code, NULL::VARCHAR AS type, NULL::VARCHAR AS name WHERE false)");
        List<Region> provinces = new ArrayList<>();
        List<Region> districts = new ArrayList<>();
        warehouse.query(REGIONS_SQL.formatted(visits.get(), regions), List.of(), rows -> {
            while (rows.next()) {
                Region r = new Region(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4));
                (r.isDistrict() ? districts : provinces).add(r);
            }
            return null;
        });
        return new FilterOptions(range[0], range[1], provinces, districts);
    }

    private static YearMonth ym(int yyyymm) {
        return YearMonth.of(yyyymm / 100, yyyymm % 100);
    }
}
