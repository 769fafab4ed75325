package id.slrt.dashboard.visits;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import id.slrt.dashboard.alerts.AlertsService;
import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.outlook.OutlookService;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.warehouse.ScopedQuery;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * Monthly visits per district: the SQL behind {@link MonthlyVisitsView}.
 *
 * <p>Reads {@code visits_monthly} (one row per district, year, month, programme, service point and
 * need), its aggregate {@code visits_by_programme} and the {@code regions} reference of the current
 * snapshot, through {@link ScopedQuery}: {@code {region}} is the district asked for, checked against
 * the user's scope.
 */
@Service
public class VisitsService {

    /** Kab. Sleman: the district the public SLRT reports describe, so the first screen shows it. */
    public static final String DEFAULT_DISTRICT = "3404";

    static final String AGGREGATE = "visits_by_programme";
    static final String REGIONS = "regions";

    /** The districts the user may see (all for a national user). */
    static final String DISTRICTS_SQL = """
            SELECT v.district_code, any_value(r.type) AS type, any_value(r.name) AS name
            FROM {visits_by_programme} v
            LEFT JOIN {regions} r ON r.code = v.district_code AND r.level = 'KABUPATEN_KOTA'
            WHERE {region:v}
            GROUP BY v.district_code
            ORDER BY v.district_code
            """;

    // The same without names, for a snapshot whose regions reference is missing.
    static final String DISTRICT_CODES_SQL = """
            SELECT DISTINCT district_code, NULL AS type, NULL AS name
            FROM {visits_by_programme}
            WHERE {region}
            ORDER BY district_code
            """;

    static final String YEARS_SQL = """
            SELECT DISTINCT year
            FROM {visits_by_programme}
            WHERE {region}
            ORDER BY year
            """;

    // Programmes are summed unless one is chosen ({programme} is TRUE then).
    static final String MONTHLY_SQL = """
            SELECT month, SUM(visits) AS visits
            FROM {visits_by_programme}
            WHERE {region} AND year = :year AND {programme}
            GROUP BY month
            ORDER BY month
            """;

    // Every year of the district by month, for the same months of earlier years.
    static final String ALL_YEARS_SQL = """
            SELECT year, month, SUM(visits) AS visits
            FROM {visits_by_programme}
            WHERE {region} AND {programme}
            GROUP BY year, month
            ORDER BY year, month
            """;

    static final String BREAKDOWN_SQL = """
            SELECT CASE WHEN GROUPING(service_point) = 0 THEN 'service_point'
                        WHEN GROUPING(programme) = 0 THEN 'programme' ELSE 'need' END AS dimension,
                   coalesce(service_point, programme, need) AS value, SUM(visits) AS visits
            FROM {visits_monthly}
            WHERE {region} AND year = :year AND {programme}
            GROUP BY GROUPING SETS ((service_point), (programme), (need))
            ORDER BY dimension, visits DESC, value
            """;

    private final Warehouse warehouse;
    private final ScopedQuery queries;
    private final AlertsService alerts;
    private final OutlookService outlook;
    private final FilterService filterService;

    /** Without Spring (a test of the SQL alone): the alerts' and outlook's services of the same queries. */
    public VisitsService(Warehouse warehouse, ScopedQuery queries) {
        this(warehouse, queries, new AlertsService(queries), new OutlookService(queries), new FilterService(queries));
    }

    @Autowired
    public VisitsService(Warehouse warehouse, ScopedQuery queries, AlertsService alerts, OutlookService outlook,
                         FilterService filterService) {
        this.warehouse = warehouse;
        this.queries = queries;
        this.alerts = alerts;
        this.outlook = outlook;
        this.filterService = filterService;
    }

    /**
     * The usual range of the shown year's months and, when that year holds the snapshot's last month, the
     * forecast of the twelve months after it, for the overview's district and the programme (null: all),
     * from the overview's snapshot. The alerts' {@link AlertsService#expected} and the outlook's
     * {@link OutlookService#forecasts}, unchanged, so the page shows what the alerts and the API say.
     */
    public DistrictOutlook outlook(VisitsOverview overview, String programme) {
        if (overview.snapshot().isEmpty() || overview.district() == null || overview.year() == null) {
            return DistrictOutlook.NONE;
        }
        Snapshot snapshot = overview.snapshot().get();
        String district = overview.district().code();
        int year = overview.year();
        YearMonth latest = filterService.options(snapshot).last();
        Filters filters = Filters.NONE.withDistrict(district).withProgramme(programme);
        List<AlertsService.Expected> band = alerts.expected(snapshot, filters, latest).stream()
                .filter(e -> e.month().getYear() == year).toList();
        List<OutlookService.Outlook> forecast = latest == null || latest.getYear() != year ? List.of()
                : outlook.forecasts(snapshot, filters, latest).stream()
                .filter(o -> o.measure().equals(OutlookService.VISITS) && o.district().equals(district)
                        && java.util.Objects.equals(o.programme(), programme))
                .toList();
        return new DistrictOutlook(latest, band, forecast);
    }

    /**
     * What the screen shows for the requested district and year (both optional, e.g. from the URL).
     * Without a district: {@value #DEFAULT_DISTRICT} if it has data, else the first district. Without
     * a year: the district's latest year with data. A requested district or year without data is kept,
     * so the screen can say there is nothing for it.
     */
    public VisitsOverview overview(String requestedDistrict, Integer requestedYear) {
        return overview(requestedDistrict, requestedYear, null);
    }

    /** The same, for one programme's visits ({@code programme} null: all). */
    public VisitsOverview overview(String requestedDistrict, Integer requestedYear, String programme) {
        Optional<Snapshot> current = warehouse.currentSnapshot();
        if (current.isEmpty()) {
            return VisitsOverview.noSnapshot();
        }
        Snapshot snapshot = current.get();
        // Districts, years and months need no service point or need: the smaller aggregate serves them.
        if (!queries.has(snapshot, AGGREGATE)) {
            return new VisitsOverview(current, List.of(), null, List.of(), null, null);
        }
        RegionScope scope = RegionScope.current();
        if (requestedDistrict != null && !requestedDistrict.isBlank()) {
            scope.enforceDistrict(requestedDistrict.strip());
        }
        // The picker offers the districts the user may see; the first screen is their own.
        List<District> districts = districts(snapshot, scope.enforce(Filters.NONE));

        District district = chooseDistrict(districts, requestedDistrict, scope.defaultDistrict(DEFAULT_DISTRICT));
        if (district == null) {
            return new VisitsOverview(current, districts, null, List.of(), requestedYear, null);
        }
        List<Integer> years = years(snapshot, scope.enforceDistrict(district.code()));
        Integer year = requestedYear != null ? requestedYear : years.isEmpty() ? null : years.getLast();
        MonthlyVisits monthly = year == null ? null : monthly(snapshot, district.code(), year, programme);
        return new VisitsOverview(current, districts, district, years, year, monthly);
    }

    /** Where the warehouse is expected, for the screen that says the ETL has not run yet. */
    public String warehouseLocation() {
        return warehouse.root().toString();
    }

    /** Years with visits for one district in the current snapshot; empty if there is none. */
    public List<Integer> yearsWithData(String districtCode) {
        RegionScope.Scoped scoped = RegionScope.current().enforceDistrict(districtCode);
        return warehouse.currentSnapshot().map(s -> years(s, scoped)).orElse(List.of());
    }

    /** The district's visits of every year with data, by month, oldest year first. */
    public List<MonthlyVisits> allYears(String districtCode) {
        return allYears(districtCode, null);
    }

    public List<MonthlyVisits> allYears(String districtCode, String programme) {
        RegionScope.Scoped scoped = scoped(districtCode, programme);
        Optional<Snapshot> snapshot = warehouse.currentSnapshot();
        if (snapshot.isEmpty()) {
            return List.of();
        }
        return queries.sql(snapshot.get(), scoped, ALL_YEARS_SQL).read(rows -> {
            java.util.Map<Integer, long[]> years = new java.util.TreeMap<>();
            while (rows.next()) {
                years.computeIfAbsent(rows.getInt(1), y -> new long[12])[rows.getInt(2) - 1] = rows.getLong(3);
            }
            List<MonthlyVisits> result = new ArrayList<>();
            years.forEach((year, months) -> result.add(
                    new MonthlyVisits(districtCode, year, Arrays.stream(months).boxed().toList())));
            return result;
        }, List.of());
    }

    /** Visits of a district's year by service point, programme and need: dimension to value to visits, largest first. */
    public java.util.Map<String, java.util.LinkedHashMap<String, Long>> breakdown(String districtCode, int year) {
        return breakdown(districtCode, year, null);
    }

    public java.util.Map<String, java.util.LinkedHashMap<String, Long>> breakdown(String districtCode, int year,
                                                                                  String programme) {
        RegionScope.Scoped scoped = scoped(districtCode, programme);
        Optional<Snapshot> snapshot = warehouse.currentSnapshot();
        if (snapshot.isEmpty()) {
            return java.util.Map.of();
        }
        return queries.sql(snapshot.get(), scoped, BREAKDOWN_SQL).bind("year", year).read(rows -> {
            java.util.Map<String, java.util.LinkedHashMap<String, Long>> result = new java.util.TreeMap<>();
            while (rows.next()) {
                result.computeIfAbsent(rows.getString(1), d -> new java.util.LinkedHashMap<>())
                        .put(rows.getString(2), rows.getLong(3));
            }
            return result;
        }, java.util.Map.of());
    }

    /** Monday to Friday in the month: the desks' working days (national holidays not subtracted). */
    public static int workingDays(java.time.YearMonth month) {
        int days = 0;
        for (int d = 1; d <= month.lengthOfMonth(); d++) {
            java.time.DayOfWeek dow = month.atDay(d).getDayOfWeek();
            if (dow != java.time.DayOfWeek.SATURDAY && dow != java.time.DayOfWeek.SUNDAY) {
                days++;
            }
        }
        return days;
    }

    private static District chooseDistrict(List<District> districts, String requested, String fallback) {
        String wanted = requested == null || requested.isBlank() ? fallback : requested.strip();
        for (District d : districts) {
            if (d.code().equals(wanted)) {
                return d;
            }
        }
        if (requested != null && !requested.isBlank()) {
            return new District(wanted, null, null);
        }
        return districts.isEmpty() ? null : districts.getFirst();
    }

    /** The district (and programme) checked against the user's scope. */
    private static RegionScope.Scoped scoped(String districtCode, String programme) {
        return RegionScope.current().enforce(Filters.NONE.withDistrict(districtCode).withProgramme(programme));
    }

    /** Snapshot and region seen to the districts there: the same for every page, so read once. */
    private final java.util.Map<String, List<District>> districtsBySnapshot = new java.util.concurrent.ConcurrentHashMap<>();

    private List<District> districts(Snapshot snapshot, RegionScope.Scoped scoped) {
        if (districtsBySnapshot.size() > 64) {
            districtsBySnapshot.clear();
        }
        String key = snapshot.name() + "/" + scoped.province() + "/" + scoped.district();
        return districtsBySnapshot.computeIfAbsent(key, k -> queries.sql(snapshot, scoped,
                queries.has(snapshot, REGIONS) ? DISTRICTS_SQL : DISTRICT_CODES_SQL)
                .list(row -> new District(row.getString(1), row.getString(2), row.getString(3))));
    }

    private List<Integer> years(Snapshot snapshot, RegionScope.Scoped district) {
        return queries.sql(snapshot, district, YEARS_SQL).list(row -> row.getInt(1));
    }

    private MonthlyVisits monthly(Snapshot snapshot, String districtCode, int year, String programme) {
        long[] byMonth = queries.sql(snapshot, scoped(districtCode, programme), MONTHLY_SQL).bind("year", year).read(rows -> {
            long[] totals = new long[12];
            while (rows.next()) {
                int month = rows.getInt(1);
                if (month >= 1 && month <= 12) {
                    totals[month - 1] = rows.getLong(2);
                }
            }
            return totals;
        }, new long[12]);
        return new MonthlyVisits(districtCode, year, Arrays.stream(byMonth).boxed().toList());
    }
}
