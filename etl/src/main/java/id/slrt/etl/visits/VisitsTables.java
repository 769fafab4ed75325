package id.slrt.etl.visits;

import org.apache.spark.sql.SparkSession;

/**
 * Visits in the snapshot: the same visit (district + id_kunjungan) exported more than once counts once,
 * the copy from the latest export winning; the other copies are quarantined as DUPLICATE.
 * Reads the {@code rows} view (staged rows of the ledger's files, with path and seq).
 */
public final class VisitsTables {
    public static final String MONTHLY = "visits_monthly";

    private static final String RANKED = """
            SELECT path, seq, line, district_code, id_kunjungan, event_date, programme, service_point, channel, need,
                   person_key, household_key, has_nik, in_dtks, sex, disability,
                   row_number() OVER (PARTITION BY district_code, id_kunjungan
                                      ORDER BY seq DESC, path DESC, line DESC) AS copy
            FROM rows
            WHERE kind = 'V' AND reason IS NULL
            """;

    /** people: distinct pseudonymised NIKs in the group (visits without a valid NIK are not counted). */
    private static final String MONTHLY_SQL = """
            SELECT substr(district_code, 1, 2)             AS province_code,
                   district_code,
                   year(event_date)                        AS year,
                   month(event_date)                       AS month,
                   programme,
                   coalesce(service_point, 'TIDAK_DIISI')  AS service_point,
                   coalesce(need, 'TIDAK_DIISI')           AS need,
                   count(*)                                AS visits,
                   count(DISTINCT person_key)              AS people,
                   count_if(NOT has_nik)                   AS visits_without_nik,
                   count_if(NOT in_dtks)                   AS visits_not_in_dtks
            FROM visits_accepted
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            ORDER BY district_code, year, month, programme, service_point, need
            """;

    /** Districts and provinces with at least one accepted visit in the year: SLRT's coverage growth. */
    private static final String COVERAGE_SQL = """
            SELECT year(event_date)                                 AS year,
                   count(DISTINCT district_code)                    AS districts,
                   count(DISTINCT substr(district_code, 1, 2))      AS provinces
            FROM visits_accepted
            GROUP BY 1
            ORDER BY 1
            """;

    /** Months are numbered year * 12 + month - 1 so that months_active counts calendar months. */
    private static final String ACTIVITY_SQL = """
            SELECT substr(district_code, 1, 2)                                   AS province_code,
                   district_code,
                   date_format(min(event_date), 'yyyy-MM')                       AS first_active_month,
                   date_format(max(event_date), 'yyyy-MM')                       AS last_active_month,
                   count(DISTINCT year(event_date) * 12 + month(event_date) - 1) AS months_active
            FROM visits_accepted
            GROUP BY 1, 2
            ORDER BY 2
            """;

    /**
     * People served per district and year (distinct pseudonymised NIKs: a year's people cannot be summed
     * from the monthly groups), and of them those who came back within 183 days of an earlier visit.
     */
    private static final String PEOPLE_SQL = """
            WITH p AS (
              SELECT district_code, year(event_date) AS year, person_key,
                     datediff(event_date, lag(event_date) OVER (PARTITION BY district_code, person_key
                                                                ORDER BY event_date, line)) AS days_since
              FROM visits_accepted
              WHERE person_key IS NOT NULL
            )
            SELECT substr(district_code, 1, 2)                               AS province_code,
                   district_code,
                   year,
                   count(DISTINCT person_key)                                AS people,
                   count(DISTINCT CASE WHEN days_since <= 183 THEN person_key END) AS people_returning
            FROM p
            GROUP BY district_code, year
            ORDER BY district_code, year
            """;

    public static final String PEOPLE = "people_yearly";
    public static final String COVERAGE = "coverage_yearly";
    public static final String ACTIVITY = "district_activity";

    private VisitsTables() {
    }

    /**
     * Registers {@code visits_accepted} and {@code visit_duplicates}. The ranking is cached: every
     * table and the balance read it, and the window sort is the costly part (so it sorts only the
     * columns the tables use).
     */
    public static void register(SparkSession spark) {
        spark.sql(RANKED).createOrReplaceTempView("visits_ranked");
        spark.catalog().cacheTable("visits_ranked");
        spark.sql("SELECT * FROM visits_ranked WHERE copy = 1").createOrReplaceTempView("visits_accepted");
        spark.sql("SELECT * FROM visits_ranked WHERE copy > 1").createOrReplaceTempView("visit_duplicates");
    }

    /** Writes visits_monthly, coverage_yearly and district_activity into the snapshot folder. */
    public static void write(SparkSession spark, java.nio.file.Path snapshotDir) {
        spark.sql(MONTHLY_SQL).coalesce(1).write().parquet(snapshotDir.resolve(MONTHLY).toString());
        spark.sql(COVERAGE_SQL).coalesce(1).write().parquet(snapshotDir.resolve(COVERAGE).toString());
        spark.sql(ACTIVITY_SQL).coalesce(1).write().parquet(snapshotDir.resolve(ACTIVITY).toString());
        spark.sql(PEOPLE_SQL).coalesce(1).write().parquet(snapshotDir.resolve(PEOPLE).toString());
    }
}
