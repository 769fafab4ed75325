package id.slrt.dashboard.outlook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ForecastTest {

    private static final double[] SEASON = {0.90, 0.85, 0.95, 0.95, 1.00, 1.30, 1.20, 1.00, 0.95, 0.95, 0.90, 0.75};

    /** Five years of a district growing 8% a year with a June peak, its months varying some 10%. */
    private static double[] district(long seed, double size) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[60];
        for (int i = 0; i < values.length; i++) {
            double mean = size * Math.pow(1.08, i / 12.0) * SEASON[i % 12] * Math.exp(random.nextGaussian() * 0.1 - 0.005);
            values[i] = poisson(mean, random);
        }
        return values;
    }

    private static double poisson(double mean, SplittableRandom random) {
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Test
    void onGrowingSeasonalSeriesItBeatsSeasonalNaiveAndItsIntervalCoversAboutFourMonthsInFive() {
        double model = 0;
        double naive = 0;
        long covered = 0;
        long points = 0;
        // The nation's season, from two hundred other districts.
        double[] nation = new double[48];
        for (long seed = 1001; seed <= 1200; seed++) {
            double[] other = district(seed, 20);
            for (int i = 0; i < 48; i++) {
                nation[i] += other[i];
            }
        }
        double[] season = Forecast.seasonalIndex(nation, 0);
        for (long seed = 1; seed <= 200; seed++) {
            double[] all = district(seed, seed % 2 == 0 ? 100 : 8);
            double[] train = Arrays.copyOf(all, 48);
            List<Forecast.Point> forecast = Forecast.ahead(train, 0, season);
            double[] seasonalNaive = Forecast.seasonalNaive(train);
            assertThat(forecast).hasSize(Forecast.HORIZON);
            for (int h = 0; h < Forecast.HORIZON; h++) {
                double actual = all[48 + h];
                model += Math.abs(actual - forecast.get(h).expected());
                naive += Math.abs(actual - seasonalNaive[h]);
                covered += forecast.get(h).covers(actual) ? 1 : 0;
                points++;
            }
        }
        assertThat(model / naive).as("MASE against seasonal naive").isLessThan(0.9);
        assertThat(covered / (double) points).as("coverage of the 80% interval").isBetween(0.72, 0.88);
    }

    @Test
    void theForecastFollowsTheSeasonAndTheGrowth() {
        double[] clean = new double[36];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = 1000 * Math.pow(1.08, i / 12.0) * SEASON[i % 12];
        }
        List<Forecast.Point> forecast = Forecast.ahead(clean, 0, null);
        for (int h = 0; h < 12; h++) {
            double truth = 1000 * Math.pow(1.08, (36 + h) / 12.0) * SEASON[h];
            assertThat(forecast.get(h).expected()).as("month " + h).isCloseTo(truth, org.assertj.core.data.Percentage.withPercentage(3));
        }
        assertThat(forecast.get(5).expected()).isGreaterThan(forecast.get(4).expected()); // June's peak
    }

    @Test
    void withLessThanAYearOrAGapInTheLastYearThereIsNoForecast() {
        assertThat(Forecast.ahead(new double[11], 0, null)).isEmpty();
        double[] gap = new double[24];
        Arrays.fill(gap, 30);
        gap[20] = Double.NaN;
        assertThat(Forecast.ahead(gap, 0, null)).isEmpty();
    }

    @Test
    void aYoungSeriesGetsAFlatForecastWithAWideInterval() {
        double[] year = new double[12];
        Arrays.fill(year, 40);
        List<Forecast.Point> forecast = Forecast.ahead(year, 3, null);
        assertThat(forecast).allSatisfy(p -> {
            assertThat(p.expected()).isCloseTo(40, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(p.high() - p.low()).isGreaterThanOrEqualTo(2 * Forecast.Z80 * Forecast.DEFAULT_RELATIVE_SPREAD * 40 - 1e-9);
        });
    }
}
