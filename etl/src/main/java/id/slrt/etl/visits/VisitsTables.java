package id.slrt.etl.visits;

import id.slrt.etl.ledger.FolderDistricts;
import org.apache.spark.sql.SparkSession;

/**
 * Visits in the snapshot: the same visit (district + id_kunjungan) exported more than once counts once,
 * the copy from the latest export winning; the other copies are quarantined as DUPLICATE. A visit in a
 * district folder with another district's kode_wilayah is quarantined as OTHER_DISTRICT ({@link FolderDistricts}).
 * Reads the {@code rows} view (staged rows of the ledger's files, with path and seq).
 */
public final class VisitsTables {
    public static final String MONTHLY = "visits_monthly";

    /** A row from another district than its folder never takes part: it cannot win over that district's rows. */
    private static final String RANKED = """
            SELECT r.path, r.seq, r.line, r.district_code, r.id_kunjungan, r.event_date, r.programme, r.service_point,
                   r.channel, r.need, r.person_key, r.household_key, r.has_nik, r.in_dtks, r.sex, r.disability,
                   row_number() OVER (PARTITION BY r.district_code, r.id_kunjungan
                                      ORDER BY r.seq DESC, r.path DESC, r.line DESC) AS copy
            FROM rows r %s
            WHERE r.kind = 'V' AND r.reason IS NULL AND NOT %s
            """.formatted(FolderDistricts.JOIN, FolderDistricts.VISIT_ELSEWHERE);

    /** Checked visits quarantined as OTHER_DISTRICT, placed in their folder's district (who sent them). */
    private static final String OTHER_DISTRICT = """
            SELECT r.path, r.line, fd.folder_district AS district_code, r.event_date
            FROM rows r %s
            WHERE r.kind = 'V' AND r.reason IS NULL AND %s
            """.formatted(FolderDistricts.JOIN, FolderDistricts.VISIT_ELSEWHERE);

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
     * Registers {@code visits_accepted}, {@code visit_duplicates} and {@code visits_other_district}
     * (needs {@link FolderDistricts#register}). The ranking is cached: every
     * table and the balance read it, and the window sort is the costly part (so it sorts only the
     * columns the tables use).
     */
    public static void register(SparkSession spark) {
        spark.sql(RANKED).createOrReplaceTempView("visits_ranked");
        spark.catalog().cacheTable("visits_ranked");
        spark.sql("SELECT * FROM visits_ranked WHERE copy = 1").createOrReplaceTempView("visits_accepted");
        spark.sql("SELECT * FROM visits_ranked WHERE copy > 1").createOrReplaceTempView("visit_duplicates");
        spark.sql(OTHER_DISTRICT).createOrReplaceTempView("visits_other_district");
    }

    /** Writes visits_monthly, coverage_yearly and district_activity into the snapshot folder. */
    public static void write(SparkSession spark, java.nio.file.Path snapshotDir) {
        spark.sql(MONTHLY_SQL).coalesce(1).write().parquet(snapshotDir.resolve(MONTHLY).toString());
        spark.sql(COVERAGE_SQL).coalesce(1).write().parquet(snapshotDir.resolve(COVERAGE).toString());
        spark.sql(ACTIVITY_SQL).coalesce(1).write().parquet(snapshotDir.resolve(ACTIVITY).toString());
        spark.sql(PEOPLE_SQL).coalesce(1).write().parquet(snapshotDir.resolve(PEOPLE).toString());
    }
}
