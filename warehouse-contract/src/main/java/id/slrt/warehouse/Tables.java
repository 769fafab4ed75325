package id.slrt.warehouse;

import java.util.List;

/**
 * The tables of a snapshot (docs/warehouse.md, "Layout" and "Tables"): one folder of Parquet files each,
 * named as here. The ETL writes them, the dashboard reads them, the benchmark imitates them; a test holds
 * this class and the document together.
 */
public final class Tables {
    /** The version of docs/warehouse.md a snapshot follows; its {@code snapshot} table carries it. */
    public static final int SCHEMA_VERSION = 6;

    public static final String VISITS_MONTHLY = "visits_monthly";
    public static final String COVERAGE_YEARLY = "coverage_yearly";
    public static final String DISTRICT_ACTIVITY = "district_activity";
    public static final String PEOPLE_YEARLY = "people_yearly";
    public static final String REFERRALS_MONTHLY = "referrals_monthly";
    public static final String REFERRAL_BACKLOG = "referral_backlog";
    public static final String QUARANTINE = "quarantine";
    public static final String QUALITY_MONTHLY = "quality_monthly";
    public static final String QUARANTINE_MONTHLY = "quarantine_monthly";
    public static final String FILES = "files";
    public static final String RUNS = "runs";
    public static final String SNAPSHOT = "snapshot";
    public static final String REGIONS = "regions";
    public static final String POVERTY = "poverty";

    /** Every table of a snapshot, in the document's order: a snapshot without one of them is not served. */
    public static final List<String> ALL = List.of(VISITS_MONTHLY, COVERAGE_YEARLY, DISTRICT_ACTIVITY, PEOPLE_YEARLY,
            REFERRALS_MONTHLY, REFERRAL_BACKLOG, QUARANTINE, QUALITY_MONTHLY, QUARANTINE_MONTHLY, FILES, RUNS, SNAPSHOT,
            REGIONS, POVERTY);

    private Tables() {
    }
}
