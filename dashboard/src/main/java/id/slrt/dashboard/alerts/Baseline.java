package id.slrt.dashboard.alerts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The expected range of one month of a monthly series, from the same month of earlier years, robust to
 * their outliers. Plain Java over at most a few hundred numbers: no Spring, no SQL.
 *
 * <p>WHY this method. DHIS2 warns that a plain z-score fails on seasonal data, and our districts also
 * grow year on year. So a month is compared with the same month of up to five earlier years, each taken
 * relative to the level of the twelve months before it (their mean without the highest and the lowest;
 * on a log scale: {@code log(value) -
 * log(level)}, so June's chance is as large, relatively, as December's), and the expectation is today's
 * level times the median of those ratios: season and growth are both in it. How much a ratio
 * varies by chance comes from the series itself: the changes of the last three years' monthly ratios on
 * the same month a year before, their odd ones (beyond 3.5 median absolute deviations) left out, so one
 * wild month in the past does not widen the band. The range is widened for the expectation's own uncertainty (one earlier year is
 * less sure than five), never narrower than chance allows (the caller's {@link Chance}: a Poisson count,
 * a binomial share) or {@link #MIN_SPREAD}, and a month is unusual when its modified z-score is beyond
 * {@link #THRESHOLD} (Iglewicz and Hoaglin's 3.5).
 *
 * <p>With too little history for that (a district in its second year), the same and the neighbouring
 * months of earlier years give the expectation and their MAD the spread, at least
 * {@link #MIN_SPREAD_FEW}; a district without twelve months is judged on its last six months (at least
 * four, median and MAD, the same minimum: "short history"); with less, there is no range and no alert.
 */
public final class Baseline {

    public static final double THRESHOLD = 3.5;
    static final double MAD_TO_SIGMA = 1.4826;
    /** Relative spread below which no month is expected to vary (8%). */
    static final double MIN_SPREAD = 0.08;
    /** The same when the spread is estimated from a handful of months only (15%). */
    static final double MIN_SPREAD_FEW = 0.15;
    /** The variance of a median of n normal values is about 1.57 / n times theirs. */
    private static final double MEDIAN_EFFICIENCY = 1.57;
    private static final int YEARS_BACK = 5;
    /** One side of a normal distribution beyond {@link #THRESHOLD}: 0.000233. */
    static final double NORMAL_TAIL = 0.000233;
    /** Months whose changes on a year before tell a series' chance. */
    private static final int NOISE_MONTHS = 36;

    /** How the range was found, said in the alert. */
    public enum Method { SEASONAL, NEIGHBOURING_MONTHS, SHORT_HISTORY }

    /**
     * What chance alone does to a value: {@code spread} of a value of a given expectation, and the
     * {@code offset} added before taking logarithms (half an event), so a month of zero has a ratio too.
     */
    public record Chance(DoubleUnaryOperator spread, double offset, boolean poisson) {

        /** A count: Poisson, spread the square root of the expectation. */
        public static Chance count() {
            return new Chance(e -> Math.sqrt(Math.max(e, 1)), 0.5, true);
        }

        /**
         * Whether chance alone could give {@code value} when {@code expected} is expected, as often as a
         * normal value beyond {@link #THRESHOLD} spreads: small counts are skewed, and a log scale does not
         * tell 3 against 12 from 300 against 1,200.
         */
        boolean explains(double value, double expected) {
            if (!poisson) {
                return false;
            }
            double tail = value < expected ? poissonCdf((long) Math.floor(value), expected)
                    : 1 - poissonCdf((long) Math.ceil(value) - 1, expected);
            return tail > NORMAL_TAIL;
        }

        /** A share of {@code n}: binomial, spread {@code sqrt(p (1 - p) / n)}. */
        public static Chance share(double n) {
            return new Chance(p -> {
                double share = Math.min(Math.max(p, 0.01), 0.99);
                return Math.sqrt(share * (1 - share) / n);
            }, 0.5 / n, false);
        }
    }

    /**
     * @param expected the expectation; {@code low} and {@code high} the usual range: a value outside it
     *                 is unusual
     * @param logCentre and {@code logSpread}: the same on the log scale ({@code log(value + offset)})
     */
    public record Range(double expected, double low, double high, Method method, int comparedMonths,
                        double logCentre, double logSpread, Chance chance) {

        public boolean outside(double value) {
            return Math.abs(z(value)) > THRESHOLD && !chance.explains(value, expected);
        }

        /** The modified z-score of a value. */
        public double z(double value) {
            return (Math.log(value + chance.offset()) - logCentre) / logSpread;
        }
    }

    private Baseline() {
    }

    /**
     * The range of {@code values[i]} from the months before it.
     *
     * @param values one value a month, consecutive; {@code NaN} where there is no value (the district
     *               sent nothing, or the measure is undefined that month)
     * @return null when the history is too short for any range
     */
    public static Range range(double[] values, int i, Chance chance) {
        return range(values, values, i, chance);
    }

    /**
     * The same, with the level taken from {@code levels} (another series of the same months): for one
     * programme's visits, the district's visits in all programmes, so that a programme growing faster
     * than its district (a slow rise a series' own level would absorb) is seen as its share grows.
     */
    public static Range range(double[] values, double[] levels, int i, Chance chance) {
        double offset = chance.offset();
        double level = trailingLevel(levels, i);
        if (!Double.isNaN(level)) {
            double base = Math.log(level + offset);
            double[] same = ratios(values, levels, i, offset, 0);
            double noise = ratioNoise(values, levels, i, offset);
            if (same.length >= 1 && !Double.isNaN(noise)) {
                // The expectation's own uncertainty widens the range: fewer earlier years, wider.
                double s = Math.max(noise, MIN_SPREAD) * Math.sqrt(1 + (same.length >= 3 ? MEDIAN_EFFICIENCY : 1.0) / same.length);
                return around(base + median(same), s, chance, Method.SEASONAL, same.length);
            }
            double[] near = concat(same, ratios(values, levels, i, offset, -1), ratios(values, levels, i, offset, 1));
            if (near.length >= 3) {
                return fromFew(base, near, chance, Method.NEIGHBOURING_MONTHS);
            }
        }
        double[] recent = Arrays.stream(values, Math.max(0, i - 6), i).filter(v -> !Double.isNaN(v))
                .map(v -> Math.log(v + offset)).toArray();
        if (recent.length >= 4) {
            return fromFew(0, recent, chance, Method.SHORT_HISTORY);
        }
        return null;
    }

    private static Range fromFew(double base, double[] logs, Chance chance, Method method) {
        double median = median(logs);
        double s = Math.max(MAD_TO_SIGMA * mad(logs, median), MIN_SPREAD_FEW)
                * Math.sqrt(1 + MEDIAN_EFFICIENCY / logs.length);
        return around(base + median, s, chance, method, logs.length);
    }

    private static Range around(double logCentre, double logSpread, Chance chance, Method method, int compared) {
        double offset = chance.offset();
        double expected = Math.max(0, Math.exp(logCentre) - offset);
        // Chance's spread on the log scale: d log(x) = dx / x.
        double s = Math.max(logSpread, chance.spread().applyAsDouble(expected) / (expected + offset));
        return new Range(expected, Math.max(0, Math.exp(logCentre - THRESHOLD * s) - offset),
                Math.exp(logCentre + THRESHOLD * s) - offset, method, compared, logCentre, s, chance);
    }

    /**
     * How much a month's log ratio to its level varies by chance, from the series itself: the changes of
     * each of the last 36 months' ratios on the same month a year before (root mean square of those within
     * 3.5 MADs), whose spread is that of one ratio times the square root of two. NaN with fewer than twelve.
     */
    static double ratioNoise(double[] values, double[] levels, int i, double offset) {
        List<Double> changes = new ArrayList<>();
        for (int j = Math.max(12, i - NOISE_MONTHS); j < i; j++) {
            double now = ratio(values, levels, j, offset);
            double before = ratio(values, levels, j - 12, offset);
            if (!Double.isNaN(now) && !Double.isNaN(before)) {
                changes.add(now - before);
            }
        }
        if (changes.size() < 12) {
            return Double.NaN;
        }
        double[] c = changes.stream().mapToDouble(Double::doubleValue).toArray();
        // The MAD finds the odd changes; the standard deviation of the others is the sharper estimate
        // (a MAD of two dozen numbers is itself uncertain by a quarter, which would let chance through).
        double centre = median(c);
        double screen = THRESHOLD * Math.max(MAD_TO_SIGMA * mad(c, centre), 1e-9);
        double sum = 0;
        int n = 0;
        for (double change : c) {
            if (Math.abs(change - centre) <= screen) {
                sum += change * change;
                n++;
            }
        }
        return Math.sqrt(sum / n) / Math.sqrt(2);
    }

    /** log(value + offset) - log(level + offset) of month j; NaN without a value or a level. */
    private static double ratio(double[] values, double[] levels, int j, double offset) {
        if (j < 0 || Double.isNaN(values[j])) {
            return Double.NaN;
        }
        double level = trailingLevel(levels, j);
        return Double.isNaN(level) ? Double.NaN : Math.log(values[j] + offset) - Math.log(level + offset);
    }

    /**
     * The level before month {@code i}: the mean of the twelve months before it without their highest and
     * lowest (so that one flood month does not lower every ratio of the next year, while a small count's
     * level stays as sharp as a mean), if at least nine of them have a value.
     */
    static double trailingLevel(double[] values, int i) {
        double[] year = Arrays.stream(values, Math.max(0, i - 12), i).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (year.length < 9) {
            return Double.NaN;
        }
        double sum = 0;
        for (int k = 1; k < year.length - 1; k++) {
            sum += year[k];
        }
        return sum / (year.length - 2);
    }

    /** Same month ({@code shift} 0) or a neighbouring one of earlier years: their log ratios. */
    private static double[] ratios(double[] values, double[] levels, int i, double offset, int shift) {
        List<Double> ratios = new ArrayList<>();
        for (int k = 1; k <= YEARS_BACK; k++) {
            int j = i - 12 * k + shift;
            double r = j < i ? ratio(values, levels, j, offset) : Double.NaN;
            if (!Double.isNaN(r)) {
                ratios.add(r);
            }
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }

    /** P(X <= k) for a Poisson X of mean {@code mean}, summed in logs (exact enough for any mean here). */
    static double poissonCdf(long k, double mean) {
        if (k < 0) {
            return 0;
        }
        if (mean > 1000) {
            // Normal approximation with continuity correction: the log-scale range decides there anyway.
            double z = (k + 0.5 - mean) / Math.sqrt(mean);
            return 0.5 * erfc(-z / Math.sqrt(2));
        }
        double term = -mean; // log P(X = 0)
        double sum = Math.exp(term);
        for (long j = 1; j <= k; j++) {
            term += Math.log(mean) - Math.log(j);
            sum += Math.exp(term);
        }
        return Math.min(1, sum);
    }

    /** Complementary error function (Numerical Recipes' erfcc, relative error below 1.2e-7). */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double mad(double[] values, double median) {
        double[] deviations = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            deviations[k] = Math.abs(values[k] - median);
        }
        return median(deviations);
    }
}
