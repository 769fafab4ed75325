package id.slrt.dashboard.outlook;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.warehouse.RegionCache;
import id.slrt.dashboard.warehouse.ScopedQuery;
import id.slrt.dashboard.warehouse.Snapshot;

/**
 * The outlook's numbers: the next twelve months of each district's visits (in all programmes and per
 * programme) and referrals made, after the snapshot's last month, by {@link Forecast}, from
 * visits_monthly and referrals_monthly through {@link ScopedQuery}. Computed once per snapshot and region.
 *
 * <p>The seasonal pattern is the nation's ({@link #SEASON_SQL}): the median, over every district with
 * thirteen months in a row, of a month's ratio to its centred twelve-month moving average, per kind of
 * series. WHY a reference query: its answer is twelve ratios per kind, no region's numbers, and the same
 * for every user, so a district's forecast does not depend on who asks.
 */
@Service
public class OutlookService {

    static final String VISITS_SQL = """
            SELECT district_code, year * 12 + month - 1 AS t, programme, sum(visits)::DOUBLE
            FROM {visits_monthly} WHERE {region} AND year * 12 + month - 1 <= :last GROUP BY district_code, t, programme
            """;

    static final String REFERRALS_SQL = """
            SELECT district_code, year * 12 + month - 1 AS t, sum(referred)::DOUBLE
            FROM {referrals_monthly} WHERE {region} AND year * 12 + month - 1 <= :last GROUP BY district_code, t
            """;

    /** Series by kind: '' visits in all programmes, a programme's visits, '=referrals' referrals made. */
    private static final String SERIES = """
            SELECT district_code, programme AS kind, year * 12 + month - 1 AS t, sum(visits)::DOUBLE AS v
            FROM {visits_monthly} WHERE year * 12 + month - 1 <= :last GROUP BY ALL
            UNION ALL
            SELECT district_code, '', year * 12 + month - 1, sum(visits)::DOUBLE
            FROM {visits_monthly} WHERE year * 12 + month - 1 <= :last GROUP BY ALL
            """;

    private static final String REFERRAL_SERIES = """
            UNION ALL
            SELECT district_code, '=referrals', year * 12 + month - 1, sum(referred)::DOUBLE
            FROM {referrals_monthly} WHERE year * 12 + month - 1 <= :last GROUP BY ALL
            """;

    static final String SEASON_SQL = """
            WITH s AS (%s),
            w AS (
              SELECT kind, t, v, count(*) OVER around AS n,
                     (sum(v) OVER around - (lag(v, 6) OVER ordered + lead(v, 6) OVER ordered) / 2) / 12 AS cma
              FROM s
              WINDOW around AS (PARTITION BY district_code, kind ORDER BY t RANGE BETWEEN 6 PRECEDING AND 6 FOLLOWING),
                     ordered AS (PARTITION BY district_code, kind ORDER BY t)
            )
            SELECT kind, t %% 12 AS m, median(v / cma) FROM w WHERE n = 13 AND cma > 0 GROUP BY kind, m
            """;

    /** The kind of the referrals series in {@link #SEASON_SQL}. */
    public static final String REFERRAL_KIND = "=referrals";

    public static final String VISITS = "visits";
    public static final String REFERRALS = "referrals";

    /**
     * One month ahead of one series.
     *
     * @param measure   {@link #VISITS} or {@link #REFERRALS} (referrals made)
     * @param programme a programme of visits; null for all programmes
     */
    public record Outlook(String district, String measure, String programme, YearMonth month, double expected,
                          double low, double high) {
    }

    private final ScopedQuery queries;
    private final RegionCache<List<Outlook>> cache = new RegionCache<>();

    public OutlookService(ScopedQuery queries) {
        this.queries = queries;
    }

    /**
     * The forecasts of the filters' region for the twelve months after {@code latest} (the snapshot's last
     * month), from the months up to it, by district, measure, programme and month; the filters'
     * programme narrows to that programme. (A backtest gives an earlier month and compares.)
     */
    public List<Outlook> forecasts(Snapshot snapshot, Filters filters, YearMonth latest) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        Filters f = scoped.filters();
        if (latest == null) {
            return List.of();
        }
        return cache.get(snapshot, scoped, latest, () -> compute(snapshot, scoped, latest)).stream()
                .filter(o -> f.programme() == null || f.programme().equals(o.programme()))
                .toList();
    }

    private List<Outlook> compute(Snapshot snapshot, RegionScope.Scoped scoped, YearMonth latest) {
        int last = latest.getYear() * 12 + latest.getMonthValue() - 1;
        Map<String, double[]> seasons = seasons(snapshot, last);
        // district -> series name -> month index -> value; "" is visits in all programmes.
        Map<String, Map<String, TreeMap<Integer, Double>>> visits = new TreeMap<>();
        queries.sql(snapshot, scoped, VISITS_SQL).bind("last", last).read(rows -> {
            while (rows.next()) {
                Map<String, TreeMap<Integer, Double>> d = visits.computeIfAbsent(rows.getString(1), c -> new TreeMap<>());
                int t = rows.getInt(2);
                double v = rows.getDouble(4);
                d.computeIfAbsent(rows.getString(3), p -> new TreeMap<>()).merge(t, v, Double::sum);
                d.computeIfAbsent("", p -> new TreeMap<>()).merge(t, v, Double::sum);
            }
            return null;
        }, null);
        Map<String, TreeMap<Integer, Double>> referrals = new TreeMap<>();
        queries.sql(snapshot, scoped, REFERRALS_SQL).bind("last", last).read(rows -> {
            while (rows.next()) {
                referrals.computeIfAbsent(rows.getString(1), c -> new TreeMap<>()).merge(rows.getInt(2), rows.getDouble(3), Double::sum);
            }
            return null;
        }, null);
        List<Outlook> outlook = new ArrayList<>();
        for (Map.Entry<String, Map<String, TreeMap<Integer, Double>>> d : visits.entrySet()) {
            TreeMap<Integer, Double> total = d.getValue().get("");
            int first = total.firstKey();
            for (Map.Entry<String, TreeMap<Integer, Double>> series : d.getValue().entrySet()) {
                String programme = series.getKey().isEmpty() ? null : series.getKey();
                add(outlook, d.getKey(), VISITS, programme, series(series.getValue(), total, first, last), first,
                        seasons.get(series.getKey()));
            }
            TreeMap<Integer, Double> referred = referrals.get(d.getKey());
            if (referred != null) {
                add(outlook, d.getKey(), REFERRALS, null, series(referred, total, first, last), first,
                        seasons.get(REFERRAL_KIND));
            }
        }
        outlook.sort(Comparator.comparing(Outlook::district).thenComparing(Outlook::measure)
                .thenComparing(o -> o.programme() == null ? "" : o.programme()).thenComparing(Outlook::month));
        return List.copyOf(outlook);
    }

    /**
     * A series from the district's first month to the last month: zero in a month the district sent
     * visits but none of this kind, NaN in a month it sent nothing.
     */
    public static double[] series(Map<Integer, Double> values, Map<Integer, Double> total, int first, int last) {
        double[] series = new double[Math.max(0, last - first + 1)];
        for (int i = 0; i < series.length; i++) {
            series[i] = total.containsKey(first + i) ? values.getOrDefault(first + i, 0.0) : Double.NaN;
        }
        return series;
    }

    /** The nation's seasonal index per kind of series, from the months up to {@code last}. */
    private Map<String, double[]> seasons(Snapshot snapshot, int last) {
        String sql = SEASON_SQL.formatted(SERIES + (queries.has(snapshot, "referrals_monthly") ? REFERRAL_SERIES : ""));
        Map<String, double[]> seasons = new TreeMap<>();
        queries.reference(snapshot, sql).bind("last", last).read(rows -> {
            while (rows.next()) {
                double[] index = seasons.computeIfAbsent(rows.getString(1), k -> {
                    double[] ones = new double[12];
                    java.util.Arrays.fill(ones, Double.NaN);
                    return ones;
                });
                index[rows.getInt(2)] = rows.getDouble(3);
            }
            return null;
        }, null);
        Map<String, double[]> complete = new TreeMap<>();
        // A kind with a month missing (too few districts) keeps its own districts' seasons.
        seasons.forEach((kind, index) -> Forecast.normalised(index).ifPresent(n -> complete.put(kind, n)));
        return complete;
    }

    private static void add(List<Outlook> outlook, String district, String measure, String programme, double[] series,
                            int first, double[] season) {
        for (Forecast.Point p : Forecast.ahead(series, Math.floorMod(first, 12), season)) {
            int t = first + p.index();
            outlook.add(new Outlook(district, measure, programme, YearMonth.of(t / 12, t % 12 + 1), p.expected(), p.low(),
                    p.high()));
        }
    }
}
