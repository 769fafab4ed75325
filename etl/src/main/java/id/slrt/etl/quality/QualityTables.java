package id.slrt.etl.quality;

import id.slrt.etl.Sql;
import id.slrt.etl.ingest.Reason;
import id.slrt.etl.ledger.Changes;
import id.slrt.etl.visits.VisitsTables;
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
     * The rows a file is quarantined for whatever else is in the inbox: rejected by the checks, or a visit
     * from another district than its folder. Computed once, when the file is added; carried after.
     * A row whose own district or date cannot be read is placed where its file belongs: the district most
     * of the file's good rows have (or the file's district folder) and the month most of them have (a tie
     * goes to the earlier month, then the higher code: never to the order rows arrive in), so a
     * district sees the bad rows its operators sent. A row in a district folder always counts for that
     * folder's district: a file there cannot add quarantined rows to another district's numbers.
     */
    private static final String FILE_QUARANTINE_SQL = """
            WITH added AS (
              SELECT * FROM {changed} WHERE live
            ), q AS (
              SELECT path AS source_file, line, CASE kind WHEN 'V' THEN 'VISIT' ELSE 'REFERRAL' END AS record_kind,
                     district_code, year(event_date) AS year, month(event_date) AS month, field, reason
              FROM added WHERE reason IS NOT NULL
              UNION ALL
              SELECT o.path, o.line, 'VISIT', o.district_code, year(o.event_date), month(o.event_date), 'kode_wilayah',
                     'OTHER_DISTRICT'
              FROM ({other_district}) o
            ), good AS (
              SELECT path, folder_hint, district_code, year(event_date) * 100 + month(event_date) AS ym, count(*) AS n
              FROM added WHERE reason IS NULL GROUP BY 1, 2, 3, 4
            ), home AS (
              SELECT path, first(folder_hint) AS folder_hint,
                     max_by(district_code, struct(n, -ym, district_code)) FILTER (WHERE district_code IS NOT NULL)
                       AS district_code,
                     max_by(ym, struct(n, -ym)) FILTER (WHERE ym IS NOT NULL) AS ym
              FROM good GROUP BY path
            )
            SELECT q.source_file, q.line, q.record_kind,
                   coalesce(fd.folder_district, q.district_code, h.district_code, h.folder_hint) AS district_code,
                   coalesce(q.year, CAST(h.ym DIV 100 AS INT)) AS year,
                   coalesce(q.month, CAST(h.ym % 100 AS INT)) AS month,
                   q.field, q.reason
            FROM q LEFT JOIN home h ON h.path = q.source_file
            LEFT JOIN {fd} fd ON fd.path = q.source_file
            """;

    /** Rows quarantined because of other files: duplicate copies, referrals that cannot be linked (facts). */
    private static final String LINK_QUARANTINE_SQL = """
            SELECT d.path AS source_file, d.line, 'VISIT' AS record_kind,
                   coalesce(fd.folder_district, d.district_code) AS district_code,
                   year(d.event_date) AS year, month(d.event_date) AS month, 'id_kunjungan' AS field, 'DUPLICATE' AS reason
            FROM {duplicates} d LEFT JOIN {fd} fd ON fd.path = d.path
            UNION ALL
            SELECT p.path, p.line, 'REFERRAL', coalesce(fd.folder_district, l.folder_hint),
                   year(p.event_date), month(p.event_date), 'id_kunjungan', p.link_problem
            FROM {problems} p JOIN {ledger} l ON l.path = p.path LEFT JOIN {fd} fd ON fd.path = p.path
            """;

    /** The reasons of {@link #LINK_QUARANTINE_SQL}: never carried, recomputed from the facts. */
    private static final String LINK_REASON = "(record_kind = 'VISIT' AND reason = 'DUPLICATE' OR record_kind = 'REFERRAL'"
            + " AND reason IN ('REFERRAL_WITHOUT_VISIT', 'OTHER_DISTRICT', 'AMBIGUOUS_VISIT'))";

    private static final String CARRIED_QUARANTINE_SQL = """
            SELECT source_file, line, record_kind, district_code, year, month, field, reason
            FROM {previous} p LEFT SEMI JOIN {kept} k ON k.path = p.source_file
            WHERE NOT %s
            """.formatted(LINK_REASON);

    /** Quarantined rows per district, month and reason: what the quality view charts. */
    private static final String QUARANTINE_MONTHLY_SQL = """
            SELECT substr(district_code, 1, 2) AS province_code, district_code, year, month, record_kind, reason,
                   count(*) AS rows
            FROM {quarantine} WHERE district_code IS NOT NULL AND year IS NOT NULL
            GROUP BY district_code, year, month, record_kind, reason
            ORDER BY district_code, year, month, record_kind, reason
            """;

    public static final String QUARANTINE_MONTHLY = "quarantine_monthly";


    /**
     * Per district and month: the data-quality signals of the accepted visits and the quarantined rows
     * that could be placed (district and date known; the rest are only in {@code quarantine}).
     */
    private static final String QUALITY_MONTHLY_SQL = """
            WITH v AS (
              SELECT district_code, year, month, sum(visits) AS visits,
                     sum(visits_without_nik) AS visits_without_nik, sum(visits_not_in_dtks) AS visits_not_in_dtks
              FROM {visits_monthly} GROUP BY 1, 2, 3
            ), q AS (
              SELECT district_code, year, month, count(*) AS quarantined_rows
              FROM {quarantine} WHERE district_code IS NOT NULL AND year IS NOT NULL GROUP BY 1, 2, 3
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


    /**
     * The ledger with each file's balance. What a file read is known when it is added; what it has
     * accepted changes with other files (a later copy wins, a visit arrives for its referral): the
     * previous count, plus what it won and minus what it lost in this run. An added file (a corrected
     * re-export too, under the same path) counts what it won; what it lost was the old content's.
     */
    private static final String FILES_SQL = """
            WITH parsed AS (
              SELECT f.path, f.file_kind AS kind, f.encoding, f.delimiter, f.reason, f.detail, f.records,
                     coalesce(r.rows_read, 0) AS rows_read, CAST(0 AS BIGINT) AS rows_accepted, true AS added
              FROM {added_files} f
              LEFT JOIN (SELECT path, count(*) AS rows_read FROM {changed} WHERE live GROUP BY path) r ON r.path = f.path
              {carried}
            ), accepted AS (
              SELECT path, sum(won) AS won, sum(lost) AS lost
              FROM (SELECT path, won, lost FROM {visits_accepted} UNION ALL SELECT path, won, lost FROM {referrals_accepted})
              GROUP BY path
            ), quarantined AS (
              SELECT source_file AS path, count(*) AS rows_quarantined FROM {quarantine} GROUP BY source_file
            )
            SELECT l.path, l.size, l.modified, l.file_id AS sha256, l.seq, l.folder_hint, l.batch,
                   p.kind, p.encoding, p.delimiter,
                   CASE WHEN p.reason IS NULL THEN 'USED' ELSE 'REJECTED' END AS status,
                   p.reason, p.detail,
                   p.records,
                   p.rows_read,
                   CASE WHEN p.added THEN coalesce(a.won, 0)
                        ELSE p.rows_accepted + coalesce(a.won, 0) - coalesce(a.lost, 0) END AS rows_accepted,
                   coalesce(q.rows_quarantined, 0) AS rows_quarantined
            FROM {ledger} l
            JOIN parsed p ON p.path = l.path
            LEFT JOIN accepted a ON a.path = l.path
            LEFT JOIN quarantined q ON q.path = l.path
            ORDER BY l.path
            """;

    private static final String CARRIED_FILES = """
              UNION ALL
              SELECT p.path, p.kind, p.encoding, p.delimiter, p.reason, p.detail, p.records, p.rows_read, p.rows_accepted,
                     false
              FROM {previous_files} p LEFT SEMI JOIN {kept} k ON k.path = p.path
            """;

    private QualityTables() {
    }

    /**
     * Every quarantined row: what files were quarantined for when they were added (carried from the
     * previous snapshot for the files kept), and the duplicates and unlinked referrals of the facts.
     * Without the messages ({@link #withMessages}).
     */
    public static Dataset<Row> quarantine(SparkSession spark, Changes changes, Dataset<Row> duplicates,
                                          Dataset<Row> problems) {
        Dataset<Row> added = Sql.over(spark).with("changed", changes.changed()).with("fd", changes.folderDistricts())
                .value("other_district", VisitsTables.OTHER_DISTRICT.replace("{rows}", "(SELECT * FROM {changed} WHERE live)"))
                .query(FILE_QUARANTINE_SQL);
        Dataset<Row> linked = Sql.over(spark).with("duplicates", duplicates).with("problems", problems)
                .with("ledger", changes.ledger()).with("fd", changes.folderDistricts()).query(LINK_QUARANTINE_SQL);
        Dataset<Row> all = added.unionByName(linked);
        if (!changes.full()) {
            all = all.unionByName(Sql.over(spark).with("previous", changes.previous().table(QUARANTINE))
                    .with("kept", kept(spark, changes)).query(CARRIED_QUARANTINE_SQL));
        }
        return all;
    }

    /** The ledger's entries that were there before, unchanged (by path and content). */
    private static Dataset<Row> kept(SparkSession spark, Changes changes) {
        return Sql.over(spark).with("ledger", changes.ledger()).with("changed", changes.changed())
                .query("SELECT l.path FROM {ledger} l LEFT ANTI JOIN (SELECT DISTINCT path FROM {changed} WHERE live) c"
                        + " ON c.path = l.path");
    }

    /** The files table; {@code visitsAccepted} and {@code referralsAccepted} as the steps left them (path, won, lost). */
    public static Dataset<Row> files(SparkSession spark, Changes changes, Dataset<Row> quarantine,
                                     Dataset<Row> visitsAccepted, Dataset<Row> referralsAccepted) {
        Sql sql = Sql.over(spark).with("added_files", changes.addedFiles()).with("changed", changes.changed())
                .with("visits_accepted", visitsAccepted).with("referrals_accepted", referralsAccepted)
                .with("quarantine", quarantine).with("ledger", changes.ledger());
        if (changes.full()) {
            sql.value("carried", "");
        } else {
            sql.value("carried", CARRIED_FILES).with("previous_files", changes.previous().table(FILES))
                    .with("kept", kept(spark, changes));
        }
        return sql.query(FILES_SQL);
    }

    public static void writeQuarantineMonthly(SparkSession spark, Dataset<Row> quarantine, String dir) {
        Sql.over(spark).with("quarantine", quarantine).query(QUARANTINE_MONTHLY_SQL).coalesce(1).write().parquet(dir);
    }

    public static void writeQualityMonthly(SparkSession spark, Dataset<Row> visitsMonthly, Dataset<Row> quarantine,
                                           String dir) {
        Sql.over(spark).with("visits_monthly", visitsMonthly).with("quarantine", quarantine).query(QUALITY_MONTHLY_SQL)
                .coalesce(1).write().parquet(dir);
    }

    /** The quarantine with the reason's message in both languages. */
    public static Dataset<Row> withMessages(SparkSession spark, Dataset<Row> quarantine) {
        String idCase = messageCase(true);
        String enCase = messageCase(false);
        return Sql.over(spark).with("quarantine", quarantine).query("SELECT *, " + idCase + " AS message_id, " + enCase
                + " AS message_en FROM {quarantine} ORDER BY source_file, line");
    }
    private static String messageCase(boolean indonesian) {
        return "CASE reason " + Arrays.stream(Reason.values())
                .map(r -> "WHEN '" + r.name() + "' THEN '" + (indonesian ? r.indonesian() : r.english()).replace("'", "''") + "'")
                .collect(Collectors.joining(" ")) + " END";
    }
}
