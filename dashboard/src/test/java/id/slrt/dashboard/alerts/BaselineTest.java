package id.slrt.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BaselineTest {

    private static final double[] SEASON = {0.90, 0.85, 0.95, 0.95, 1.00, 1.30, 1.20, 1.00, 0.95, 0.95, 0.90, 0.75};

    /** Four years of a district growing 8% a year with a June peak, its months varying some 10%. */
    private static double[] growingSeasonal(long seed) {
        return growingSeasonal(seed, 48);
    }

    private static double[] growingSeasonal(long seed, int months) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[months];
        for (int i = 0; i < values.length; i++) {
            double mean = 100 * Math.pow(1.08, i / 12.0) * SEASON[i % 12];
            values[i] = Math.round(mean * Math.exp(random.nextGaussian() * 0.1));
        }
        return values;
    }

    @Test
    void aSeasonalPeakThatComesEveryYearIsNotAnAlert() {
        int alerts = 0;
        for (long seed = 1; seed <= 200; seed++) {
            double[] values = growingSeasonal(seed);
            for (int i = 24; i < values.length; i++) {
                Baseline.Range range = Baseline.range(values, i, Baseline.Chance.count());
                assertThat(range).as("two earlier years give a range").isNotNull();
                alerts += range.outside(values[i]) ? 1 : 0;
            }
        }
        // 400 district-years of one series each: under one alert in ten district-years (a district has a
        // handful of series that are judged, and the whole must stay under one false alert a year).
        assertThat(alerts).isLessThan(40);
    }

    @Test
    void aMonthOfThreeTimesTheVisitsIsAnAlertAndItsRangeSaysWhatWasUsual() {
        double[] values = growingSeasonal(7);
        double usual = values[38];
        values[38] = usual * 3;
        Baseline.Range range = Baseline.range(values, 38, Baseline.Chance.count());
        assertThat(range.outside(values[38])).isTrue();
        assertThat(range.outside(usual)).isFalse();
        assertThat(range.expected()).isBetween(usual * 0.8, usual * 1.2);
        assertThat(range.method()).isEqualTo(Baseline.Method.SEASONAL);
        assertThat(range.comparedMonths()).isEqualTo(2);
    }

    @Test
    void inItsSecondYearADistrictIsComparedWithTheNeighbouringMonthsToo() {
        double[] values = growingSeasonal(5);
        Baseline.Range range = Baseline.range(values, 24, Baseline.Chance.count());
        assertThat(range.method()).isEqualTo(Baseline.Method.NEIGHBOURING_MONTHS);
        assertThat(range.outside(values[24])).isFalse();
        assertThat(range.outside(values[24] * 3)).isTrue();
    }

    @Test
    void withThreeEarlierYearsTheSameMonthAloneIsTheBaseline() {
        double[] values = growingSeasonal(3);
        double[] longer = Arrays.copyOf(values, 60);
        for (int i = 48; i < 60; i++) {
            longer[i] = values[i - 12] * 1.08;
        }
        assertThat(Baseline.range(longer, 53, Baseline.Chance.count()).method()).isEqualTo(Baseline.Method.SEASONAL);
    }

    @Test
    void onePastOutlierDoesNotWidenTheRange() {
        double[] values = growingSeasonal(11, 60);
        double[] withOutlier = values.clone();
        withOutlier[29] = values[29] * 6; // June two years before, a one-off
        Baseline.Range clean = Baseline.range(values, 53, Baseline.Chance.count());
        Baseline.Range robust = Baseline.range(withOutlier, 53, Baseline.Chance.count());
        assertThat(robust.comparedMonths()).isEqualTo(3);
        assertThat(robust.expected()).isCloseTo(clean.expected(), org.assertj.core.data.Percentage.withPercentage(15));
        assertThat(robust.high() - robust.low()).isLessThan((clean.high() - clean.low()) * 1.5);
    }

    @Test
    void aDistrictThatJoinedRecentlyIsJudgedOnItsLastSixMonths() {
        double[] values = new double[8];
        Arrays.fill(values, 0, 7, 50);
        values[3] = 56;
        values[7] = 200;
        Baseline.Range range = Baseline.range(values, 7, Baseline.Chance.count());
        assertThat(range.method()).isEqualTo(Baseline.Method.SHORT_HISTORY);
        assertThat(range.expected()).isCloseTo(50, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(range.outside(200)).isTrue();
        assertThat(range.outside(55)).isFalse();
    }

    @Test
    void withTooLittleHistoryThereIsNoRangeAndSoNoAlert() {
        assertThat(Baseline.range(new double[] {10, 12, 300}, 2, Baseline.Chance.count())).isNull();
        assertThat(Baseline.range(new double[] {10, Double.NaN, Double.NaN, Double.NaN, 11, 300}, 5,
                Baseline.Chance.count())).isNull();
    }

    @Test
    void smallCountsAreGivenTheSpreadChanceAllows() {
        double[] values = new double[8];
        Arrays.fill(values, 4);
        // MAD 0: without chance's floor any other count would be an alert; 12 against 4 happens by chance
        // about once in a thousand months, more often than a normal value beyond 3.5.
        Baseline.Range range = Baseline.range(values, 7, Baseline.Chance.count());
        assertThat(range.outside(8)).isFalse();
        assertThat(range.outside(12)).isFalse();
        assertThat(range.outside(25)).isTrue();
    }
}
