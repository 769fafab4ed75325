package id.slrt.dashboard.alerts;

import java.time.YearMonth;
import java.util.List;

/**
 * One unusual month of one measure of one region.
 *
 * @param level      KABUPATEN_KOTA, PROVINSI or NASIONAL
 * @param code       the district or province code; "" for the nation
 * @param programme  the programme of a visits-by-programme series; null for all programmes
 * @param observed   the month's value (a count, or a share from 0 to 1)
 * @param expected   what the baseline expected; for {@link Measure#NO_EXPORT}, the mean of the months before
 * @param low        and {@code high}: the usual range (null for {@link Measure#NO_EXPORT})
 * @param numerator  for a share, its count (completed referrals, visits without NIK); else the observed count
 * @param denominator for a share, what it is a share of (referrals made, visits); else null
 * @param zScore     the modified z-score ((observed - expected) / spread); 0 for {@link Measure#NO_EXPORT}
 * @param method     how the range was found; null for {@link Measure#NO_EXPORT}
 * @param driver     for a district's or region's visits in all programmes: the programme that moved most
 *                   in the same direction; else null
 */
public record Alert(String level, String code, YearMonth month, Measure measure, String programme, double observed,
                    double expected, Double low, Double high, long numerator, Long denominator, double zScore,
                    Baseline.Method method, String driver) {

    public static final String DISTRICT = "KABUPATEN_KOTA";
    public static final String PROVINCE = "PROVINSI";
    public static final String NATION = "NASIONAL";
    public static final List<String> LEVELS = List.of(DISTRICT, PROVINCE, NATION);

    public boolean higher() {
        return observed > expected;
    }
}
