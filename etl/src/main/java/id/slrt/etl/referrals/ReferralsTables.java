package id.slrt.etl.referrals;

import id.slrt.etl.ledger.FolderDistricts;
import org.apache.spark.sql.SparkSession;

/**
 * Referrals in the snapshot. A referral file has no district column: a referral belongs to the district
 * of its visit (id_kunjungan among the accepted visits); when several districts have that visit id, the
 * district folder the file came from decides. A referral in a district folder whose visit is only
 * another district's is quarantined as OTHER_DISTRICT ({@link FolderDistricts}): one district's file
 * cannot change another's referral states. A visit id in several districts with no district folder
 * to choose is AMBIGUOUS_VISIT. The latest state of each referral (by status date, then
 * export order, then line) is its current state; earlier states are its history.
 */
public final class ReferralsTables {
    public static final String MONTHLY = "referrals_monthly";

    private static final String VISIT_INDEX = """
            SELECT id_kunjungan, count(*) AS districts, min(district_code) AS only_district,
                   collect_set(district_code) AS district_codes
            FROM visits_accepted
            GROUP BY id_kunjungan
            """;

    private static final String LINKED = """
            SELECT r.path, r.seq, r.line, r.id_rujukan, r.id_kunjungan, r.event_date, r.status_date, r.programme,
                   r.agency, r.status,
                   CASE WHEN vi.id_kunjungan IS NULL THEN 'REFERRAL_WITHOUT_VISIT'
                        WHEN %s THEN 'OTHER_DISTRICT'
                        WHEN vi.districts > 1 AND NOT coalesce(array_contains(vi.district_codes, r.folder_hint), false)
                          THEN 'AMBIGUOUS_VISIT' END AS link_problem,
                   CASE WHEN vi.districts = 1 THEN vi.only_district
                        WHEN array_contains(vi.district_codes, r.folder_hint) THEN r.folder_hint END AS referral_district
            FROM rows r
            LEFT JOIN visit_index vi ON vi.id_kunjungan = r.id_kunjungan
            %s
            WHERE r.kind = 'R' AND r.reason IS NULL
            """.formatted(FolderDistricts.referralElsewhere("vi.district_codes"), FolderDistricts.JOIN);

    private static final String STATES = """
            SELECT *, row_number() OVER (PARTITION BY referral_district, id_rujukan
                                         ORDER BY status_date DESC, seq DESC, path DESC, line DESC) AS state_rank
            FROM referrals_linked
            WHERE link_problem IS NULL
            """;

    private static final String MONTHLY_SQL = """
            SELECT substr(referral_district, 1, 2) AS province_code,
                   referral_district                AS district_code,
                   year(event_date)                 AS year,
                   month(event_date)                AS month,
                   coalesce(programme, 'LAINNYA')   AS programme,
                   coalesce(agency, 'TIDAK_DIISI')  AS agency,
                   count(*)                                             AS referred,
                   count_if(status = 'SELESAI')                         AS completed,
                   count_if(status = 'DITOLAK')                         AS declined,
                   count_if(status IN ('DIRUJUK', 'DIPROSES'))          AS open,
                   count_if(status = 'SELESAI' AND datediff(status_date, event_date) <= {sla})
                                                                        AS completed_within_sla,
                   percentile(CASE WHEN status = 'SELESAI' THEN datediff(status_date, event_date) END, 0.5)
                                                                        AS days_to_complete_p50,
                   percentile(CASE WHEN status = 'SELESAI' THEN datediff(status_date, event_date) END, 0.9)
                                                                        AS days_to_complete_p90
            FROM referrals_current
            GROUP BY 1, 2, 3, 4, 5, 6
            ORDER BY district_code, year, month, programme, agency
            """;

    public static final String BACKLOG = "referral_backlog";

    /**
     * Open referrals at each month end, by age band. A referral is open at a month end when it was made
     * on or before it and had not been completed or declined by then. Months run up to the last month
     * with any referral date or status date in the data.
     */
    private static final String BACKLOG_SQL = """
            WITH bounds AS (
              SELECT trunc(max(greatest(event_date, status_date)), 'MM') AS last_month FROM referrals_current
            ), months AS (
              SELECT r.referral_district, r.event_date, r.status, r.status_date,
                     explode(sequence(trunc(r.event_date, 'MM'), b.last_month, INTERVAL 1 MONTH)) AS month_start
              FROM referrals_current r CROSS JOIN bounds b
            ), month_ends AS (
              SELECT *, last_day(month_start) AS month_end FROM months
            )
            SELECT substr(referral_district, 1, 2) AS province_code,
                   referral_district                AS district_code,
                   year(month_end)                  AS year,
                   month(month_end)                 AS month,
                   CASE WHEN datediff(month_end, event_date) <= 30 THEN '0-30'
                        WHEN datediff(month_end, event_date) <= 90 THEN '31-90'
                        ELSE '>90' END              AS age_band,
                   count(*)                         AS open
            FROM month_ends
            WHERE event_date <= month_end
              AND NOT (status IN ('SELESAI', 'DITOLAK') AND status_date <= month_end)
            GROUP BY 1, 2, 3, 4, 5
            ORDER BY district_code, year, month, age_band
            """;

    private ReferralsTables() {
    }

    /** Registers {@code referrals_linked}, {@code referrals_current} and {@code referral_history}. */
    public static void register(SparkSession spark) {
        spark.sql(VISIT_INDEX).createOrReplaceTempView("visit_index");
        // Cached: the quarantine, the files balance and the monthly table all read them.
        spark.sql(LINKED).createOrReplaceTempView("referrals_linked");
        spark.catalog().cacheTable("referrals_linked");
        spark.sql(STATES).createOrReplaceTempView("referral_states");
        spark.catalog().cacheTable("referral_states");
        spark.sql("SELECT * FROM referral_states WHERE state_rank = 1").createOrReplaceTempView("referrals_current");
    }

    /** Writes referrals_monthly and referral_backlog. Percentiles are exact (interpolated between the two nearest completed referrals). */
    public static void write(SparkSession spark, java.nio.file.Path snapshotDir, int slaDays) {
        spark.sql(MONTHLY_SQL.replace("{sla}", String.valueOf(slaDays))).coalesce(1).write()
                .parquet(snapshotDir.resolve(MONTHLY).toString());
        spark.sql(BACKLOG_SQL).coalesce(1).write().parquet(snapshotDir.resolve(BACKLOG).toString());
    }
}
