package id.slrt.dashboard.alerts;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an alert watches. {@code code} is the API's and the URL's name. A share needs at least
 * {@link #MIN_DENOMINATOR} in its denominator and a count {@link #MIN_COUNT} observed or expected to be
 * judged at all: a handful of visits more or less is chance, not news. The completion measures wait
 * {@link #MATURITY_MONTHS} months: a referral of last month has not had time to be completed yet.
 */
public enum Measure {
    VISITS("visits", true, 0),
    REFERRALS_COMPLETED("referrals_completed", true, Measure.MATURITY_MONTHS),
    COMPLETION_RATE("completion_rate", false, Measure.MATURITY_MONTHS),
    OPEN_OVER_90_DAYS("open_over_90_days", true, 0),
    SHARE_WITHOUT_NIK("share_without_nik", false, 0),
    NO_EXPORT("no_export", true, 0);

    public static final int MIN_COUNT = 10;
    public static final int MIN_DENOMINATOR = 20;
    public static final int MATURITY_MONTHS = 3;

    private final String code;
    private final boolean count;
    private final int maturityMonths;

    Measure(String code, boolean count, int maturityMonths) {
        this.code = code;
        this.count = count;
        this.maturityMonths = maturityMonths;
    }

    public String code() {
        return code;
    }

    /** A count (visits, referrals) rather than a share. */
    public boolean isCount() {
        return count;
    }

    /** Months a month must be old before it is judged. */
    public int maturityMonths() {
        return maturityMonths;
    }

    public static Optional<Measure> of(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }
}
