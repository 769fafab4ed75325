package id.slrt.etl.quality;

import id.slrt.etl.ingest.Reason;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The data-quality side of a snapshot: {@code quarantine} (every row not in the facts, with file, line,
 * field and reason, but never the row's content) and {@code files} (the ledger: every export file,
 * used or rejected, with its own row balance: records in the file = rows read = accepted + quarantined).
 */
public final class QualityTables {
    public static final String QUARANTINE = "quarantine";
    public static final String FILES = "files";

    /**
     * Every quarantined row: rejected by the checks, a duplicate visit, or a referral without its visit.
     * A row whose own district or date cannot be read is placed where its file belongs: the district most
     * of the file's good rows have (or the file's district folder) and the month most of them have, so a
     * district sees the bad rows its operators sent. A row in a district folder always counts for that
     * folder's district: a file there cannot add quarantined rows to another district's numbers.
     */
    private static final String QUARANTINE_SQL = """
            WITH q AS (
              SELECT path AS source_file, line, CASE kind WHEN 'V' THEN 'VISIT' ELSE 'REFERRAL' END AS record_kind,
                     district_code, year(event_date) AS year, month(event_date) AS month, field, reason
              FROM rows WHERE reason IS NOT NULL
              UNION ALL
              SELECT path, line, 'VISIT', district_code, year(event_date), month(event_date), 'id_kunjungan', 'DUPLICATE'
              FROM visit_duplicates
              UNION ALL
              SELECT path, line, 'REFERRAL', NULL, year(event_date), month(event_date), 'id_kunjungan', link_problem
              FROM referrals_linked
              WHERE link_problem IS NOT NULL
              UNION ALL
              SELECT path, line, 'VISIT', district_code, year(event_date), month(event_date), 'kode_wilayah', 'OTHER_DISTRICT'
              FROM visits_other_district
            ), good AS (
              SELECT path, folder_hint, district_code, year(event_date) * 100 + month(event_date) AS ym, count(*) AS n
              FROM rows WHERE reason IS NULL GROUP BY 1, 2, 3, 4
            ), home AS (
              SELECT path, first(folder_hint) AS folder_hint,
                     max_by(district_code, n) FILTER (WHERE district_code IS NOT NULL) AS district_code,
                     max_by(ym, n) FILTER (WHERE ym IS NOT NULL) AS ym
              FROM good GROUP BY path
            )
            SELECT q.source_file, q.line, q.record_kind,
                   coalesce(fd.folder_district, q.district_code, h.district_code, h.folder_hint) AS district_code,
                   coalesce(q.year, CAST(h.ym DIV 100 AS INT)) AS year,
                   coalesce(q.month, CAST(h.ym % 100 AS INT)) AS month,
                   q.field, q.reason
            FROM q LEFT JOIN home h ON h.path = q.source_file
            LEFT JOIN folder_districts fd ON fd.path = q.source_file
            """;

    /** Quarantined rows per district, month and reason: what the quality view charts. */
    private static final String QUARANTINE_MONTHLY_SQL = """
            SELECT substr(district_code, 1, 2) AS province_code, district_code, year, month, record_kind, reason,
                   count(*) AS rows
            FROM quarantine_rows WHERE district_code IS NOT NULL AND year IS NOT NULL
            GROUP BY district_code, year, month, record_kind, reason
            ORDER BY district_code, year, month, record_kind, reason
            """;

    public static final String QUARANTINE_MONTHLY = "quarantine_monthly";

    public static void writeQuarantineMonthly(SparkSession spark, String dir) {
        spark.sql(QUARANTINE_MONTHLY_SQL).coalesce(1).write().parquet(dir);
    }

    /**
     * Per district and month: the data-quality signals of the accepted visits and the quarantined rows
     * that could be placed (district and date known; the rest are only in {@code quarantine}).
     */
    private static final String QUALITY_MONTHLY_SQL = """
            WITH v AS (
              SELECT district_code, year(event_date) AS year, month(event_date) AS month, count(*) AS visits,
                     count_if(NOT has_nik) AS visits_without_nik, count_if(NOT in_dtks) AS visits_not_in_dtks
              FROM visits_accepted GROUP BY 1, 2, 3
            ), q AS (
              SELECT district_code, year, month, count(*) AS quarantined_rows
              FROM quarantine_rows WHERE district_code IS NOT NULL AND year IS NOT NULL GROUP BY 1, 2, 3
            )
            SELECT substr(coalesce(v.district_code, q.district_code), 1, 2) AS province_code,
                   coalesce(v.district_code, q.district_code)               AS district_code,
                   coalesce(v.year, q.year)                                 AS year,
                   coalesce(v.month, q.month)                               AS month,
                   coalesce(v.visits, 0)                                    AS visits,
                   coalesce(v.visits_without_nik, 0)                        AS visits_without_nik,
                   coalesce(v.visits_not_in_dtks, 0)                        AS visits_not_in_dtks,
                   v.visits_without_nik / v.visits                          AS share_without_nik,
                   v.visits_not_in_dtks / v.visits                          AS share_not_in_dtks,
                   coalesce(q.quarantined_rows, 0)                          AS quarantined_rows
            FROM v FULL OUTER JOIN q
              ON v.district_code = q.district_code AND v.year = q.year AND v.month = q.month
            ORDER BY district_code, year, month
            """;

    public static final String QUALITY_MONTHLY = "quality_monthly";

    public static void writeQualityMonthly(SparkSession spark, String dir) {
        spark.sql(QUALITY_MONTHLY_SQL).coalesce(1).write().parquet(dir);
    }

    private static final String FILES_SQL = """
            WITH read AS (
              SELECT path, count(*) AS rows_read FROM rows GROUP BY path
            ), accepted AS (
              SELECT path, count(*) AS rows_accepted
              FROM (SELECT path FROM visits_accepted UNION ALL SELECT path FROM referral_states)
              GROUP BY path
            ), quarantined AS (
              SELECT source_file AS path, count(*) AS rows_quarantined FROM quarantine_rows GROUP BY source_file
            )
            SELECT l.path, l.size, l.modified, l.file_id AS sha256, l.seq, l.folder_hint, l.batch,
                   f.file_kind AS kind, f.encoding, f.delimiter,
                   CASE WHEN f.reason IS NULL THEN 'USED' ELSE 'REJECTED' END AS status,
                   f.reason, f.detail,
                   f.records,
                   coalesce(r.rows_read, 0) AS rows_read,
                   coalesce(a.rows_accepted, 0) AS rows_accepted,
                   coalesce(q.rows_quarantined, 0) AS rows_quarantined
            FROM ledger l
            JOIN file_rows f ON f.file_id = l.file_id AND f.batch = l.batch
            LEFT JOIN read r ON r.path = l.path
            LEFT JOIN accepted a ON a.path = l.path
            LEFT JOIN quarantined q ON q.path = l.path
            ORDER BY l.path
            """;

    private QualityTables() {
    }

    /** Registers {@code quarantine_rows} and {@code ledger_files}. */
    public static void register(SparkSession spark) {
        spark.sql(QUARANTINE_SQL).createOrReplaceTempView("quarantine_rows");
        spark.sql(FILES_SQL).createOrReplaceTempView("ledger_files");
    }

    /** The quarantine with the reason's message in both languages. */
    public static Dataset<Row> quarantine(SparkSession spark) {
        String idCase = messageCase(true);
        String enCase = messageCase(false);
        return spark.sql("SELECT *, " + idCase + " AS message_id, " + enCase + " AS message_en FROM quarantine_rows"
                + " ORDER BY source_file, line");
    }

    private static String messageCase(boolean indonesian) {
        return "CASE reason " + Arrays.stream(Reason.values())
                .map(r -> "WHEN '" + r.name() + "' THEN '" + (indonesian ? r.indonesian() : r.english()).replace("'", "''") + "'")
                .collect(Collectors.joining(" ")) + " END";
    }
}
