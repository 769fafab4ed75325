package id.slrt.dashboard.map;

import java.util.Optional;

/** What a map colours its regions by ({@code ?ukuran=}). */
public enum MapMeasure {
    /** Visits per 1,000 poor residents (BPS): where SLRT reaches the poor. */
    VISITS_PER_1000_POOR("visits_per_1000_poor", false, false),
    /** Referrals completed over referrals made in the period. */
    COMPLETION_RATE("completion_rate", false, false),
    /** Referrals completed within the service-level target (slrt.etl.sla-days) over those completed. */
    WITHIN_SLA("within_sla", false, false),
    /** Referrals open over 90 days at the period's end: where referrals stall. */
    OPEN_OVER_90_DAYS("open_over_90_days", false, true),
    /** Visits against the same months a year earlier: around zero, so a diverging scale. */
    CHANGE("change", true, false),
    /** Unusual months (Peringatan) in the period. */
    ALERTS("alerts", false, true);

    private final String code;
    private final boolean diverging;
    private final boolean higherIsWorse;

    MapMeasure(String code, boolean diverging, boolean higherIsWorse) {
        this.code = code;
        this.diverging = diverging;
        this.higherIsWorse = higherIsWorse;
    }

    public String code() {
        return code;
    }

    public boolean diverging() {
        return diverging;
    }

    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    public static Optional<MapMeasure> of(String code) {
        for (MapMeasure m : values()) {
            if (m.code.equals(code)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
