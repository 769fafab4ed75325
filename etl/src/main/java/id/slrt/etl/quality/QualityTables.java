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

    /** Every quarantined row: rejected by the checks, a duplicate visit, or a referral without its visit. */
    private static final String QUARANTINE_SQL = """
            SELECT path AS source_file, line, CASE kind WHEN 'V' THEN 'VISIT' ELSE 'REFERRAL' END AS record_kind,
                   district_code, field, reason
            FROM rows WHERE reason IS NOT NULL
            UNION ALL
            SELECT path, line, 'VISIT', district_code, 'id_kunjungan', 'DUPLICATE' FROM visit_duplicates
            UNION ALL
            SELECT path, line, 'REFERRAL', NULL, 'id_kunjungan', link_problem FROM referrals_linked
            WHERE link_problem IS NOT NULL
            """;

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
