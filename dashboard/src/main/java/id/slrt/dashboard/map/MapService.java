package id.slrt.dashboard.map;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.national.NationalService;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.warehouse.ScopedQuery;
import id.slrt.dashboard.warehouse.Snapshot;

/**
 * The map's numbers: per province, or per district of a province (or of the nation), the measures a map
 * can be coloured by, through the region scope (a district head gets their district's numbers only: the
 * neighbours are outlines without values) and the disclosure policy (a rate over a hidden count is left
 * out). The outlines are {@link Outlines}'.
 */
@Service
public class MapService {

    /** The ranking's measures (NationalService.REGION_MEASURES) and the BPS poor population, per region. */
    static final String VALUES_SQL = "WITH " + NationalService.REGION_MEASURES + """
                 , pov AS (SELECT CASE WHEN :by_district THEN district_code ELSE province_code END AS code,
                                  sum(poor_population) AS poor
                           FROM {poverty} WHERE year = (SELECT max(year) FROM {poverty}) AND {region} GROUP BY 1)
            SELECT cur.code, cur.visits, coalesce(prev.visits, 0), coalesce(ref.referred, 0), coalesce(ref.completed, 0),
                   coalesce(bl.old, 0), pov.poor, coalesce(ref.within_sla, 0)
            FROM cur LEFT JOIN prev USING (code) LEFT JOIN ref USING (code) LEFT JOIN bl USING (code)
                     LEFT JOIN pov USING (code)
            ORDER BY cur.code
            """;

    /**
     * One region's value. {@code value} null: hidden by the disclosure policy or nothing to divide by;
     * {@code active} false: no visit in the period ("no SLRT activity", drawn apart from zero).
     */
    public record RegionValue(String code, Double value, boolean active) {
    }

    private final ScopedQuery queries;
    private final id.slrt.dashboard.alerts.AlertsService alerts;
    private final Disclosure disclosure;

    public MapService(ScopedQuery queries, id.slrt.dashboard.alerts.AlertsService alerts, Disclosure disclosure) {
        this.queries = queries;
        this.alerts = alerts;
        this.disclosure = disclosure;
    }

    /**
     * The regions of the map the filters ask for, by code: the province's districts when the filters
     * name a province (a district filter widens to its province: the map shows the neighbours' outlines),
     * else the provinces, or every district with {@code districts}. Only regions within the user's scope
     * with data are in the answer.
     */
    public Map<String, RegionValue> values(Snapshot snapshot, Filters filters, MapMeasure measure, boolean districts,
                                           YearMonth latest) {
        Filters wide = new Filters(filters.from(), filters.to(), filters.province(), null, filters.programme());
        RegionScope.Scoped scoped = RegionScope.current().enforce(wide);
        boolean byDistrict = districts || scoped.filters().province() != null;
        Map<String, Long> alerts = measure == MapMeasure.ALERTS ? alertCounts(snapshot, scoped.filters(), latest, byDistrict)
                : Map.of();
        Disclosure.Table table = disclosure.table();
        Map<String, Object[]> rows = new LinkedHashMap<>();
        queries.sql(snapshot, scoped, VALUES_SQL).requires("poverty")
                .bind("by_district", byDistrict)
                .bind("end", scoped.filters().to().getYear() * 100 + scoped.filters().to().getMonthValue())
                .list(row -> rows.put(row.getString(1), new Object[] {table.count(row.getLong(2)), table.count(row.getLong(3)),
                        table.count(row.getLong(4)), table.count(row.getLong(5)), table.count(row.getLong(6)),
                        row.getObject(7) == null ? null : ((Number) row.getObject(7)).longValue(),
                        table.count(row.getLong(8))}));
        table.disclose();
        Map<String, RegionValue> values = new LinkedHashMap<>();
        rows.forEach((code, r) -> {
            Disclosure.Count visits = (Disclosure.Count) r[0];
            Disclosure.Count before = (Disclosure.Count) r[1];
            Disclosure.Count referred = (Disclosure.Count) r[2];
            Disclosure.Count completed = (Disclosure.Count) r[3];
            Disclosure.Count old = (Disclosure.Count) r[4];
            Long poor = (Long) r[5];
            Disclosure.Count withinSla = (Disclosure.Count) r[6];
            Double value = switch (measure) {
                case VISITS_PER_1000_POOR -> poor == null || poor == 0 ? null
                        : table.measure(visits.value() * 1000.0 / poor, visits).shown();
                case COMPLETION_RATE -> referred.value() == 0 ? null
                        : table.measure(completed.value() / (double) referred.value(), completed, referred).shown();
                case WITHIN_SLA -> completed.value() == 0 ? null
                        : table.measure(withinSla.value() / (double) completed.value(), withinSla, completed).shown();
                case OPEN_OVER_90_DAYS -> old.hidden() ? null : (double) old.value();
                case CHANGE -> before.value() == 0 ? null
                        : table.measure((visits.value() - before.value()) / (double) before.value(), visits, before).shown();
                case ALERTS -> (double) alerts.getOrDefault(code, 0L);
            };
            values.put(code, new RegionValue(code, value, visits.value() > 0));
        });
        return values;
    }

    /** The districts' alerts in the period, per district or per province. */
    private Map<String, Long> alertCounts(Snapshot snapshot, Filters filters, YearMonth latest, boolean byDistrict) {
        return alerts.alerts(snapshot, filters, null, latest).stream()
                .filter(a -> a.level().equals(id.slrt.dashboard.alerts.Alert.DISTRICT))
                .collect(java.util.stream.Collectors.groupingBy(a -> byDistrict ? a.code() : a.code().substring(0, 2),
                        java.util.stream.Collectors.counting()));
    }
}
