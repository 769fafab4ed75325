package id.slrt.dashboard.outlook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Twelve months ahead of a monthly count series, with an 80% interval. Plain Java: no Spring, no SQL.
 *
 * <p>WHY this model ("seasonal index with trend", a classical decomposition): SLRT series are short (a
 * district has a few years), seasonal (school admissions in June and July, Lebaran) and growing. Seasonal
 * naive (next June = last June) carries all of last June's chance into the forecast and misses the growth.
 * Here the level is the mean of the last twelve months, the growth is that level against the twelve months
 * before (at most doubling or halving a year), and each calendar month's seasonal index is the median of
 * its ratios to the centred twelve-month moving average over every earlier year. The season is national
 * (school admissions, Lebaran, the BPJS cycle): the index is taken from the sum of all districts' series
 * of the same kind, where one district's chance is averaged out, and the level and growth are the
 * district's own. {@code ./slrt bench forecast} backtests it against seasonal naive.
 *
 * <p>The interval is honest about what the model gets wrong: the same model, fitted twelve months
 * earlier, forecast the last twelve months it now knows; the spread of those relative errors (median
 * absolute deviation, robust to one odd month) sets the interval, never narrower than a Poisson count's
 * chance. Without two years of history there is no such check: the interval then assumes
 * {@link #DEFAULT_RELATIVE_SPREAD}.
 */
public final class Forecast {

    public static final int HORIZON = 12;
    /** z of the 10% and 90% quantiles of a normal distribution: an 80% interval. */
    static final double Z80 = 1.2816;
    static final double DEFAULT_RELATIVE_SPREAD = 0.25;
    private static final double MAX_YEARLY_GROWTH = 2.0;

    /** One month ahead: the forecast and its 80% interval. */
    public record Point(int index, double expected, double low, double high) {

        public boolean covers(double actual) {
            return actual >= low && actual <= high;
        }
    }

    private Forecast() {
    }

    /**
     * The next {@link #HORIZON} months after {@code values} (month index {@code values.length} on).
     *
     * @param values one count a month, consecutive, oldest first; {@code NaN} before the series began
     * @param firstCalendarMonth the calendar month (0 = January) of {@code values[0]}
     * @param season             the seasonal index to use (12 factors from January, mean 1), e.g. the
     *                           nation's from {@link #seasonalIndex}; null for the series' own
     * @return empty when there is less than a year to go on
     */
    public static List<Point> ahead(double[] values, int firstCalendarMonth, double[] season) {
        double[] centre = pointForecast(values, firstCalendarMonth, season);
        if (centre == null) {
            return List.of();
        }
        double spread = relativeSpread(values, firstCalendarMonth, season);
        List<Point> points = new ArrayList<>();
        for (int h = 0; h < HORIZON; h++) {
            double f = centre[h];
            double sigma = Math.max(spread * f, Math.sqrt(f));
            points.add(new Point(values.length + h, f, Math.max(0, f - Z80 * sigma), f + Z80 * sigma));
        }
        return points;
    }

    /** Seasonal naive: each month as the same month a year before (null without a full year). */
    public static double[] seasonalNaive(double[] values) {
        int n = values.length;
        if (n < 12) {
            return null;
        }
        double[] f = new double[HORIZON];
        for (int h = 0; h < HORIZON; h++) {
            f[h] = values[n - 12 + h % 12];
        }
        return Double.isNaN(f[0]) ? null : f;
    }

    /** The model's forecasts of the next twelve months; null with less than twelve months of data. */
    static double[] pointForecast(double[] values, int firstCalendarMonth, double[] pooledSeason) {
        int n = values.length;
        if (n < 12 || present(values, n - 12, n) < 12) {
            return null;
        }
        double level = mean(values, n - 12, n);
        double growth = 1;
        if (n >= 24 && present(values, n - 24, n - 12) == 12) {
            double before = mean(values, n - 24, n - 12);
            growth = before > 0 ? Math.clamp(level / before, 1 / MAX_YEARLY_GROWTH, MAX_YEARLY_GROWTH) : 1;
        }
        double monthly = Math.pow(growth, 1 / 12.0);
        double[] season = pooledSeason != null ? pooledSeason : seasonalIndex(values, firstCalendarMonth);
        double[] f = new double[HORIZON];
        for (int h = 0; h < HORIZON; h++) {
            int calendar = Math.floorMod(firstCalendarMonth + n + h, 12);
            // The last twelve months' mean sits 5.5 months before the last month.
            f[h] = Math.max(0, level * Math.pow(monthly, h + 6.5) * season[calendar]);
        }
        return f;
    }

    /** Median ratio of each calendar month to the centred 2x12 moving average; 1 where there is none. */
    public static double[] seasonalIndex(double[] values, int firstCalendarMonth) {
        List<List<Double>> ratios = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            ratios.add(new ArrayList<>());
        }
        for (int t = 6; t + 6 < values.length; t++) {
            if (Double.isNaN(values[t]) || present(values, t - 6, t + 7) < 13) {
                continue;
            }
            double cma = (values[t - 6] / 2 + sum(values, t - 5, t + 6) + values[t + 6] / 2) / 12;
            if (cma > 0) {
                ratios.get(Math.floorMod(firstCalendarMonth + t, 12)).add(values[t] / cma);
            }
        }
        double[] index = new double[12];
        double total = 0;
        for (int m = 0; m < 12; m++) {
            List<Double> r = ratios.get(m);
            index[m] = r.isEmpty() ? 1 : median(r.stream().mapToDouble(Double::doubleValue).toArray());
            total += index[m];
        }
        for (int m = 0; m < 12; m++) {
            index[m] *= 12 / total;
        }
        return index;
    }

    /** The index scaled to a mean of 1; empty when a month is missing or not positive. */
    public static java.util.Optional<double[]> normalised(double[] index) {
        double total = 0;
        for (double v : index) {
            if (Double.isNaN(v) || v <= 0) {
                return java.util.Optional.empty();
            }
            total += v;
        }
        double[] scaled = new double[12];
        for (int m = 0; m < 12; m++) {
            scaled[m] = index[m] * 12 / total;
        }
        return java.util.Optional.of(scaled);
    }

    /** The spread of the model's own errors when fitted a year earlier on the series so far. */
    static double relativeSpread(double[] values, int firstCalendarMonth, double[] season) {
        int n = values.length;
        if (n < 24) {
            return DEFAULT_RELATIVE_SPREAD;
        }
        double[] earlier = pointForecast(Arrays.copyOf(values, n - 12), firstCalendarMonth, season);
        if (earlier == null) {
            return DEFAULT_RELATIVE_SPREAD;
        }
        List<Double> errors = new ArrayList<>();
        for (int h = 0; h < HORIZON; h++) {
            double actual = values[n - 12 + h];
            if (!Double.isNaN(actual) && earlier[h] > 0) {
                errors.add(Math.abs(actual - earlier[h]) / earlier[h]);
            }
        }
        if (errors.size() < 6) {
            return DEFAULT_RELATIVE_SPREAD;
        }
        double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
        // The median absolute error of a normal error is 0.6745 of its standard deviation.
        return median(e) / 0.6745;
    }

    private static int present(double[] values, int from, int to) {
        int n = 0;
        for (int t = Math.max(0, from); t < to; t++) {
            n += Double.isNaN(values[t]) ? 0 : 1;
        }
        return n;
    }

    private static double sum(double[] values, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += values[t];
        }
        return s;
    }

    private static double mean(double[] values, int from, int to) {
        return sum(values, from, to) / (to - from);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
