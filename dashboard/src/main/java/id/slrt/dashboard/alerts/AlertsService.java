package id.slrt.dashboard.alerts;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * The early-warning screen's numbers: every unusual month of the region's districts (and, for a
 * national or provincial user, of its provinces and the nation), judged by {@link Baseline} at read time
 * from visits_monthly, referrals_monthly, referral_backlog and quality_monthly through {@link ScopedQuery}.
 *
 * <p>WHY at read time, in DuckDB and Java: the monthly tables are small (a few hundred thousand rows
 * nationally at 100M visits), a baseline needs the whole history of a series, and the ETL then keeps no
 * extra table to carry from snapshot to snapshot. The alerts of a region are computed once per snapshot.
 */
@Service
public class AlertsService {

    static final String VISITS_SQL = """
            SELECT district_code, year * 12 + month - 1 AS t, programme, sum(visits)::DOUBLE
            FROM {visits_monthly} WHERE {region} GROUP BY district_code, t, programme
            """;

    static final String REFERRALS_SQL = """
            SELECT district_code, year * 12 + month - 1 AS t, sum(completed)::DOUBLE, sum(referred)::DOUBLE
            FROM {referrals_monthly} WHERE {region} GROUP BY district_code, t
            """;

    static final String BACKLOG_SQL = """
            SELECT district_code, year * 12 + month - 1 AS t, sum(open)::DOUBLE
            FROM {referral_backlog} WHERE {region} AND age_band = '>90' GROUP BY district_code, t
            """;

    static final String QUALITY_SQL = """
            SELECT district_code, year * 12 + month - 1 AS t, sum(visits_without_nik)::DOUBLE, sum(visits)::DOUBLE
            FROM {quality_monthly} WHERE {region} GROUP BY district_code, t
            """;

    /** Months from a district's first visit before its backlog over 90 days is a settled series. */
    static final int BACKLOG_BUILD_UP_MONTHS = 15;

    /** Months a district must have exported in a row before a silent month is news. */
    static final int EXPORTING_MONTHS = 6;

    private final ScopedQuery queries;
    private final RegionCache<List<Alert>> cache = new RegionCache<>();

    public AlertsService(ScopedQuery queries) {
        this.queries = queries;
    }

    /**
     * The alerts of the filters' region and period, newest first, then the most unusual first.
     *
     * @param measure only this measure; null for all
     * @param latest  the snapshot's last month with data (a district silent since is judged up to it)
     */
    public List<Alert> alerts(Snapshot snapshot, Filters filters, Measure measure, YearMonth latest) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        Filters f = scoped.filters();
        if (latest == null) {
            return List.of();
        }
        List<Alert> all = cache.get(snapshot, scoped, latest, () -> compute(snapshot, scoped, latest));
        return all.stream()
                .filter(a -> f.from() == null || !a.month().isBefore(f.from()))
                .filter(a -> f.to() == null || !a.month().isAfter(f.to()))
                .filter(a -> measure == null || a.measure() == measure)
                .filter(a -> f.programme() == null || f.programme().equals(a.programme()))
                .sorted(Comparator.comparing(Alert::month).reversed()
                        .thenComparing(a -> -Math.abs(a.zScore())).thenComparing(Alert::code))
                .toList();
    }

    /**
     * A month's usual range on the district page ("Rentang biasa"): what {@link Baseline} expects of it.
     *
     * @param expected the expectation; {@code low} and {@code high} the range outside which the month is
     *                 an alert. Model outputs, not counts of people: the screen rounds and discloses them.
     */
    public record Expected(YearMonth month, double expected, double low, double high, Baseline.Method method) {
    }

    /**
     * The usual range of every month of one district's visits up to {@code latest}, the series the alerts
     * judge: all programmes, or the filters' programme against the district's level. A month the district
     * sent nothing, or with too short a history for a range, has none (it is absent).
     *
     * @param filters the district (required: a range is a district's) and programme; checked against the
     *                user's scope
     */
    public List<Expected> expected(Snapshot snapshot, Filters filters, YearMonth latest) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        String district = scoped.filters().district();
        if (latest == null || district == null) {
            return List.of();
        }
        Region d = new Region(Alert.DISTRICT, district);
        // {region} is the one district: the same rows compute() reads for it.
        queries.sql(snapshot, scoped, VISITS_SQL).read(rows -> {
            while (rows.next()) {
                d.visits(rows.getString(3)).merge(rows.getInt(2), rows.getDouble(4), Double::sum);
            }
            return null;
        }, null);
        return d.expected(scoped.filters().programme(), latest.getYear() * 12 + latest.getMonthValue() - 1);
    }

    private List<Alert> compute(Snapshot snapshot, RegionScope.Scoped scoped, YearMonth latest) {
        Map<String, Region> districts = new TreeMap<>();
        queries.sql(snapshot, scoped, VISITS_SQL).read(rows -> {
            while (rows.next()) {
                Region d = districts.computeIfAbsent(rows.getString(1), c -> new Region(Alert.DISTRICT, c));
                d.visits(rows.getString(3)).merge(rows.getInt(2), rows.getDouble(4), Double::sum);
            }
            return null;
        }, null);
        queries.sql(snapshot, scoped, REFERRALS_SQL).read(rows -> {
            while (rows.next()) {
                Region d = districts.get(rows.getString(1));
                if (d != null) {
                    d.referrals.merge(rows.getInt(2), new double[] {rows.getDouble(3), rows.getDouble(4)}, Region::plus);
                }
            }
            return null;
        }, null);
        queries.sql(snapshot, scoped, BACKLOG_SQL).read(rows -> {
            while (rows.next()) {
                Region d = districts.get(rows.getString(1));
                if (d != null) {
                    d.backlog.merge(rows.getInt(2), rows.getDouble(3), Double::sum);
                }
            }
            return null;
        }, null);
        queries.sql(snapshot, scoped, QUALITY_SQL).read(rows -> {
            while (rows.next()) {
                Region d = districts.get(rows.getString(1));
                if (d != null) {
                    d.quality.merge(rows.getInt(2), new double[] {rows.getDouble(3), rows.getDouble(4)}, Region::plus);
                }
            }
            return null;
        }, null);

        List<Region> regions = new ArrayList<>(districts.values());
        // Roll-ups only over whole regions: a district user sees no province's numbers.
        if (scoped.filters().district() == null) {
            Map<String, Region> provinces = new TreeMap<>();
            Region nation = new Region(Alert.NATION, "");
            for (Region d : districts.values()) {
                provinces.computeIfAbsent(d.code.substring(0, 2), c -> new Region(Alert.PROVINCE, c)).add(d);
                nation.add(d);
            }
            regions.addAll(provinces.values());
            if (scoped.filters().province() == null && !districts.isEmpty()) {
                regions.add(nation);
            }
        }
        int last = latest.getYear() * 12 + latest.getMonthValue() - 1;
        List<Alert> alerts = new ArrayList<>();
        for (Region r : regions) {
            alerts.addAll(r.judge(last));
        }
        return List.copyOf(alerts);
    }

    /** One district, province or the nation: its monthly series by month index (year * 12 + month - 1). */
    private static final class Region {
        private final String level;
        private final String code;
        /** By programme; "" is all programmes. */
        private final Map<String, TreeMap<Integer, Double>> visits = new LinkedHashMap<>();
        /** completed, referred. */
        private final TreeMap<Integer, double[]> referrals = new TreeMap<>();
        private final TreeMap<Integer, Double> backlog = new TreeMap<>();
        /** without NIK, visits. */
        private final TreeMap<Integer, double[]> quality = new TreeMap<>();

        Region(String level, String code) {
            this.level = level;
            this.code = code;
        }

        TreeMap<Integer, Double> visits(String programme) {
            return visits.computeIfAbsent(programme, p -> new TreeMap<>());
        }

        static double[] plus(double[] a, double[] b) {
            return new double[] {a[0] + b[0], a[1] + b[1]};
        }

        void add(Region other) {
            other.visits.forEach((p, series) -> series.forEach((t, v) -> visits(p).merge(t, v, Double::sum)));
            other.referrals.forEach((t, v) -> referrals.merge(t, v, Region::plus));
            other.backlog.forEach((t, v) -> backlog.merge(t, v, Double::sum));
            other.quality.forEach((t, v) -> quality.merge(t, v, Region::plus));
        }

        List<Alert> judge(int last) {
            Map<Integer, Double> total = new TreeMap<>();
            visits.values().forEach(series -> series.forEach((t, v) -> total.merge(t, v, Double::sum)));
            if (total.isEmpty()) {
                return List.of();
            }
            int first = ((TreeMap<Integer, Double>) total).firstKey();
            int n = last - first + 1;
            if (n <= 0) {
                return List.of();
            }
            double[] all = sent(total, first, n);
            boolean[] present = present(all);
            List<Alert> alerts = new ArrayList<>();
            Map<String, double[]> byProgramme = new HashMap<>();
            visits.forEach((p, series) -> byProgramme.put(p, filled(series, present, first)));

            for (int i = 0; i < n; i++) {
                if (!present[i]) {
                    continue;
                }
                Alert a = count(Measure.VISITS, null, all, all, i, first, last);
                if (a != null) {
                    alerts.add(withDriver(a, byProgramme, all, i));
                }
                for (Map.Entry<String, double[]> p : byProgramme.entrySet()) {
                    Alert b = count(Measure.VISITS, p.getKey(), p.getValue(), all, i, first, last);
                    if (b != null) {
                        alerts.add(b);
                    }
                }
            }
            if (!referrals.isEmpty()) {
                double[] completed = new double[n];
                double[] referred = new double[n];
                double[] rate = new double[n];
                for (int i = 0; i < n; i++) {
                    double[] r = referrals.get(first + i);
                    completed[i] = present[i] ? (r == null ? 0 : r[0]) : Double.NaN;
                    referred[i] = r == null ? 0 : r[1];
                    rate[i] = referred[i] > 0 ? completed[i] / referred[i] : Double.NaN;
                }
                for (int i = 0; i < n; i++) {
                    addIfUnusual(alerts, count(Measure.REFERRALS_COMPLETED, null, completed, completed, i, first, last));
                    addIfUnusual(alerts, share(Measure.COMPLETION_RATE, rate, completed, referred, i, first, last));
                }
            }
            if (!backlog.isEmpty()) {
                double[] open = new double[n];
                int lastBacklog = backlog.lastKey();
                for (int i = 0; i < n; i++) {
                    // A stock builds up: nothing is 90 days open before month 4, and it keeps growing
                    // through the first year; those months are no baseline for a settled desk.
                    open[i] = i >= BACKLOG_BUILD_UP_MONTHS && first + i <= lastBacklog
                            ? backlog.getOrDefault(first + i, 0.0) : Double.NaN;
                }
                for (int i = 0; i < n; i++) {
                    addIfUnusual(alerts, count(Measure.OPEN_OVER_90_DAYS, null, open, open, i, first, last));
                }
            }
            if (!quality.isEmpty()) {
                double[] without = new double[n];
                double[] visited = new double[n];
                double[] share = new double[n];
                for (int i = 0; i < n; i++) {
                    double[] q = quality.get(first + i);
                    without[i] = q == null ? 0 : q[0];
                    visited[i] = q == null ? 0 : q[1];
                    share[i] = visited[i] > 0 ? without[i] / visited[i] : Double.NaN;
                }
                for (int i = 0; i < n; i++) {
                    addIfUnusual(alerts, share(Measure.SHARE_WITHOUT_NIK, share, without, visited, i, first, last));
                }
            }
            if (level.equals(Alert.DISTRICT)) {
                alerts.addAll(silences(all, present, first));
            }
            return alerts;
        }

        /**
         * The usual range of each month the region sent visits, built as {@link #judge} builds its visit
         * series (a month is present when the region sent any visit; a programme's months are zero where
         * it had none) and with the same call of {@link Baseline#range}.
         */
        List<Expected> expected(String programme, int last) {
            TreeMap<Integer, Double> total = new TreeMap<>();
            visits.values().forEach(series -> series.forEach((t, v) -> total.merge(t, v, Double::sum)));
            if (total.isEmpty() || total.firstKey() > last) {
                return List.of();
            }
            int first = total.firstKey();
            int n = last - first + 1;
            double[] all = sent(total, first, n);
            boolean[] present = present(all);
            double[] values = programme == null ? all : filled(visits.getOrDefault(programme, new TreeMap<>()), present, first);
            List<Expected> ranges = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!present[i]) {
                    continue;
                }
                Baseline.Range range = Baseline.range(values, all, i, Baseline.Chance.count());
                if (range != null) {
                    ranges.add(new Expected(month(first + i), range.expected(), range.low(), range.high(), range.method()));
                }
            }
            return ranges;
        }

        private static void addIfUnusual(List<Alert> alerts, Alert alert) {
            if (alert != null) {
                alerts.add(alert);
            }
        }

        /** The region's visits from month {@code first}, {@code n} months: NaN in a month it sent none. */
        private static double[] sent(Map<Integer, Double> total, int first, int n) {
            double[] all = new double[n];
            for (int i = 0; i < n; i++) {
                Double v = total.get(first + i);
                all[i] = v != null && v > 0 ? v : Double.NaN;
            }
            return all;
        }

        private static boolean[] present(double[] all) {
            boolean[] present = new boolean[all.length];
            for (int i = 0; i < all.length; i++) {
                present[i] = !Double.isNaN(all[i]);
            }
            return present;
        }

        /** A programme's visits in the months the region sent any: zero where it had none. */
        private static double[] filled(Map<Integer, Double> series, boolean[] present, int first) {
            double[] values = new double[present.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = present[i] ? series.getOrDefault(first + i, 0.0) : Double.NaN;
            }
            return values;
        }

        /** @param levels the series whose level the values are compared with (a programme's: the district's) */
        private Alert count(Measure measure, String programme, double[] values, double[] levels, int i, int first, int last) {
            if (Double.isNaN(values[i]) || first + i > last - measure.maturityMonths()) {
                return null;
            }
            Baseline.Range range = Baseline.range(values, levels, i, Baseline.Chance.count());
            if (range == null || Math.max(values[i], range.expected()) < Measure.MIN_COUNT || !range.outside(values[i])) {
                return null;
            }
            return alert(measure, programme, values[i], range, (long) values[i], null, i, first);
        }

        private Alert share(Measure measure, double[] shares, double[] numerators, double[] denominators, int i, int first,
                            int last) {
            if (Double.isNaN(shares[i]) || denominators[i] < Measure.MIN_DENOMINATOR
                    || first + i > last - measure.maturityMonths()) {
                return null;
            }
            Baseline.Range range = Baseline.range(shares, i, Baseline.Chance.share(denominators[i]));
            if (range == null || !range.outside(shares[i])) {
                return null;
            }
            return alert(measure, null, shares[i], range, (long) numerators[i], (long) denominators[i], i, first);
        }

        private Alert alert(Measure measure, String programme, double observed, Baseline.Range range, long numerator,
                            Long denominator, int i, int first) {
            return new Alert(level, code, month(first + i), measure, programme, observed, range.expected(),
                    range.low(), range.high(), numerator, denominator, range.z(observed), range.method(), null);
        }

        /** The programme that moved most in the alert's direction (its own expectation as the yardstick). */
        private static Alert withDriver(Alert a, Map<String, double[]> byProgramme, double[] all, int i) {
            String driver = null;
            double most = 0;
            for (Map.Entry<String, double[]> p : byProgramme.entrySet()) {
                Baseline.Range range = Baseline.range(p.getValue(), all, i, Baseline.Chance.count());
                if (range == null) {
                    continue;
                }
                double moved = (p.getValue()[i] - range.expected()) * Math.signum(a.zScore());
                if (moved > most) {
                    most = moved;
                    driver = p.getKey();
                }
            }
            return new Alert(a.level(), a.code(), a.month(), a.measure(), a.programme(), a.observed(), a.expected(),
                    a.low(), a.high(), a.numerator(), a.denominator(), a.zScore(), a.method(), driver);
        }

        /** Months without any export from a district that had sent one every month before the gap. */
        private List<Alert> silences(double[] all, boolean[] present, int first) {
            List<Alert> alerts = new ArrayList<>();
            int gapStart = -1;
            for (int i = 0; i < present.length; i++) {
                if (present[i]) {
                    gapStart = -1;
                    continue;
                }
                if (gapStart < 0) {
                    gapStart = i;
                }
                if (gapStart < EXPORTING_MONTHS) {
                    continue;
                }
                double sum = 0;
                boolean every = true;
                for (int j = gapStart - EXPORTING_MONTHS; j < gapStart; j++) {
                    every &= present[j];
                    sum += present[j] ? all[j] : 0;
                }
                if (every) {
                    alerts.add(new Alert(level, code, month(first + i), Measure.NO_EXPORT, null, 0,
                            sum / EXPORTING_MONTHS, null, null, 0, null, 0, null, null));
                }
            }
            return alerts;
        }

        private static YearMonth month(int t) {
            return YearMonth.of(t / 12, t % 12 + 1);
        }
    }
}
