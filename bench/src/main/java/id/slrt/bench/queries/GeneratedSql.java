package id.slrt.bench.queries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static id.slrt.bench.queries.Sql.literal;

/**
 * The big warehouse's generated SQL: one statement per step, each building a temporary table the next ones
 * read, from the calibration ({@link Calibration}) and the reference files to the ledger and the runs.
 * {@link TableQueries} then reads the snapshot's tables out of them.
 */
final class GeneratedSql {

    private GeneratedSql() {
    }

    /** Every statement that builds the temporary tables, in order, with the reference files filled in. */
    static List<String> steps(Path referenceDir) {
        Path poverty = referenceDir.resolve("poverty.csv");
        List<String> steps = new ArrayList<>(Calibration.DIMENSIONS);
        steps.add(REGIONS.replace("{regions}", literal(referenceDir.resolve("regions.csv").toString())));
        steps.add(Files.isRegularFile(poverty) ? POVERTY.replace("{poverty}", literal(poverty.toString())) : NO_POVERTY);
        steps.addAll(Calibration.reasonTables());
        steps.addAll(List.of(DISTRICTS, VISITS, REFERRALS, BACKLOG, EXPORTS, ORPHANS, QUARANTINE_ROWS, REJECTED,
                RUN_PLAN, FILES, RUNS));
        return steps.stream().map(BigWarehouse::fill).toList();
    }

    private static final String REGIONS = """
            CREATE TABLE regions_ref AS
            SELECT code, level, type, name, name_full, province_code, province_name
            FROM read_csv('{regions}', header = true, all_varchar = true)
            """;

    private static final String POVERTY = """
            CREATE TABLE poverty_ref AS
            SELECT code AS district_code, province_code, CAST(year AS INTEGER) AS year, reference_period,
                   CAST(poor_population AS BIGINT) AS poor_population, CAST(poverty_rate_pct AS DOUBLE) AS poverty_rate_pct
            FROM read_csv('{poverty}', header = true, all_varchar = true)
            """;

    private static final String NO_POVERTY = """
            CREATE TABLE poverty_ref (district_code VARCHAR, province_code VARCHAR, year INTEGER,
                                      reference_period VARCHAR, poor_population BIGINT, poverty_rate_pct DOUBLE)
            """;

    /** Districts scaled by their poor population (sqrt: demand grows slower than the population). */
    private static final String DISTRICTS = """
            CREATE TABLE district AS
            SELECT r.code AS district_code, r.province_code,
                   least(4.0, greatest(0.3, sqrt(coalesce(p.poor_population, 26000) / 26000.0))) AS size,
                   row_number() OVER (ORDER BY r.code) AS rn
            FROM regions_ref r LEFT JOIN poverty_ref p ON p.district_code = r.code
            WHERE r.level = 'KABUPATEN_KOTA'
            """;

    /**
     * Every district x month x programme x service point x need, at least one visit each. A median district
     * has about 5,200 visits a year (the samples' typical district); volume ramps up over the roll-out
     * years to 2019, then grows 3 % a year; RASTRA fades after BPNT replaced it in 2019. Visits without a
     * NIK get rarer as registration improves; about a third of visitors are not in the DTKS.
     */
    private static final String VISITS = """
            CREATE TABLE vm AS
            WITH cell AS (
                SELECT d.province_code, d.district_code, t.year, t.month, pn.programme, s.service_point, pn.need,
                       5200 / 12.0 * d.size * p.percent / 100 * s.share * pn.share * se.weight
                         * CASE WHEN pn.programme = 'RASTRA' AND t.year >= 2019 THEN 0.2 ELSE 1.0 END
                         * least(1.0, 0.35 + 0.65 * (t.year - {first}) / 3) * (1 + 0.03 * greatest(0, t.year - 2019))
                         AS mean,
                       greatest(0.03, 0.08 - 0.006 * (t.year - {first})) AS without_nik_rate,
                       hash(d.district_code, t.year, t.month, pn.programme, s.service_point, pn.need) AS h
                FROM district d CROSS JOIN month_of t CROSS JOIN programme_need pn CROSS JOIN service_point s
                JOIN programme p ON p.programme = pn.programme JOIN season se ON se.month = t.month
            ), counted AS (
                SELECT *, greatest(1, stochastic_round(mean * (0.6 + 0.8 * unit(h)), hash(h, 'visits'))) AS visits
                FROM cell
            ), flagged AS (
                SELECT *,
                       stochastic_round(visits * without_nik_rate * (0.5 + unit(hash(h, 'nik'))), hash(h, 'nik+'))
                           AS visits_without_nik,
                       stochastic_round(visits * 0.32 * (0.7 + 0.6 * unit(hash(h, 'dtks'))), hash(h, 'dtks+'))
                           AS visits_not_in_dtks
                FROM counted
            )
            SELECT province_code, district_code, year, month, programme, service_point, need, visits,
                   (visits - visits_without_nik)
                     - stochastic_round((visits - visits_without_nik) * 0.3 * unit(hash(h, 'people')), hash(h, 'people+'))
                     AS people,
                   visits_without_nik, visits_not_in_dtks
            FROM flagged
            """;

    /**
     * Nearly every visit is referred to an agency of its programme. Each referral eventually ends
     * completed or declined at the programme's rate, or never; how many of those outcomes have happened
     * by the end of the data depends on the referral's age and the programme's median days. Completion
     * days and the SLA share come from the same distribution, truncated at the end of the data.
     */
    private static final String REFERRALS = """
            CREATE TABLE ref AS
            WITH pv AS (
                SELECT province_code, district_code, year, month, programme, sum(visits) AS visits
                FROM vm GROUP BY ALL
            ), drawn AS (
                SELECT pv.province_code, pv.district_code, pv.year, pv.month, pv.programme, pa.agency,
                       p.completed AS completed_share, p.declined AS declined_share, p.median_days,
                       hash(pv.district_code, pv.year, pv.month, pv.programme, pa.agency) AS h,
                       stochastic_round(pv.visits * 0.95 * pa.share * (0.9 + 0.2 * unit(h)), hash(h, 'referred'))
                           AS referred,
                       -- days from mid-month to the end of the data
                       (({last} * 12 + 12) - (pv.year * 12 + pv.month)) * 30.4 + 15 AS horizon_days
                FROM pv JOIN programme p ON p.programme = pv.programme
                JOIN programme_agency pa ON pa.programme = pv.programme
            ), resolved AS (
                SELECT *, done_by(horizon_days, median_days) AS happened,
                       stochastic_round(referred * completed_share * done_by(horizon_days, median_days),
                                        hash(h, 'completed')) AS done
                FROM drawn WHERE referred > 0
            ), outcome AS (
                SELECT *, least(referred - done, stochastic_round(referred * declined_share * happened, hash(h, 'declined')))
                          AS declined,
                       0.85 + 0.3 * unit(hash(h, 'days')) AS jitter
                FROM resolved
            )
            SELECT province_code, district_code, year, month, programme, agency, referred,
                   done AS completed, declined, referred - done - declined AS "open",
                   stochastic_round(done * least(1.0, done_by(least(14, horizon_days), median_days) / happened),
                                    hash(h, 'sla')) AS completed_within_sla,
                   CASE WHEN done > 0 THEN greatest(1, round(2 * jitter * day_of(0.5 * happened, median_days)) / 2)
                        END AS days_to_complete_p50,
                   CASE WHEN done = 1 THEN greatest(1, round(2 * jitter * day_of(0.5 * happened, median_days)) / 2)
                        WHEN done > 1 THEN greatest(1, round(2 * jitter * day_of(0.9 * happened, median_days)) / 2)
                        END AS days_to_complete_p90
            FROM outcome
            """;

    /**
     * Open referrals at each month end: still open now, or closed later than that month end (closing
     * days follow the same distribution, at a typical 20-day median), aged by the month they were made.
     */
    private static final String BACKLOG = """
            CREATE TABLE backlog AS
            WITH made AS (
                SELECT province_code, district_code, year * 12 + month - 1 AS made_month,
                       sum("open") AS still_open, sum(completed + declined) AS closed
                FROM ref GROUP BY ALL
            ), month_end AS (
                SELECT range AS end_month FROM range({first} * 12, {last} * 12 + 12)
            ), aged AS (
                SELECT province_code, district_code, end_month, end_month - made_month AS age,
                       still_open + stochastic_round(closed * (1 - done_by((end_month - made_month) * 30.4 + 15, 20)
                                                            / done_by(({last} * 12 + 11 - made_month) * 30.4 + 15, 20)),
                                                     hash(district_code, made_month, end_month)) AS open_then
                FROM made JOIN month_end ON end_month >= made_month
            )
            SELECT province_code, district_code, CAST(end_month // 12 AS INTEGER) AS year,
                   CAST(end_month % 12 + 1 AS INTEGER) AS month,
                   CASE WHEN age = 0 THEN '0-30' WHEN age <= 2 THEN '31-90' ELSE '>90' END AS age_band,
                   CAST(sum(open_then) AS BIGINT) AS "open"
            FROM aged GROUP BY ALL HAVING sum(open_then) > 0
            """;

    /** One export per district, kind and period; one in ten is a spreadsheet. */
    private static final String EXPORTS = """
            CREATE TABLE export AS
            WITH e AS (
                SELECT d.district_code, k.record_kind, k.kind, k.word, p.first_year, p.last_year,
                       hash(d.district_code, k.kind, p.first_year) AS h
                FROM district d
                CROSS JOIN (VALUES ('VISIT', 'VISITS', 'kunjungan'), ('REFERRAL', 'REFERRALS', 'rujukan'))
                    k(record_kind, kind, word)
                CROSS JOIN period p
            )
            SELECT *, district_code || '/' || word || '_' || district_code || '_' || first_year || '-' || last_year
                      || CASE WHEN unit(h) < 0.1 THEN '.xlsx' ELSE '.csv' END AS path,
                   CASE WHEN unit(h) < 0.1 THEN 'xlsx' WHEN unit(h) < 0.7 THEN 'UTF-8'
                        WHEN unit(h) < 0.85 THEN 'UTF-8 BOM' ELSE 'windows-1252' END AS encoding,
                   CASE WHEN unit(h) < 0.1 THEN NULL WHEN unit(hash(h, 'delim')) < 0.75 THEN ',' ELSE ';' END AS delimiter,
                   -- delivered just before the run that first read them
                   CASE WHEN last_year < {last} THEN TIMESTAMP '2023-12-20 03:00:00' + to_days(CAST(h % 10 AS INTEGER))
                        ELSE TIMESTAMP '{next_year}-01-01 01:00:00' + to_days(CAST(h % 4 AS INTEGER)) END
                     + to_minutes(CAST(hash(h, 'minute') % 600 AS INTEGER)) AS modified_at
            FROM e
            """;

    /**
     * Quarantined rows: a few per district and month (more in the early, messier years), placed in the
     * export that holds their month, plus some exports outside any district folder whose rows name no
     * readable district at all (the only unplaced rows).
     */
    private static final String QUARANTINE_ROWS = """
            CREATE TABLE q_row AS
            WITH per_month AS (
                SELECT d.district_code, t.year, t.month,
                       CAST(floor(pow(unit(hash(d.district_code, t.year, t.month, 'quarantine')), 5)
                                  * CASE WHEN t.year < 2019 THEN 12 ELSE 6 END) AS INTEGER) AS n
                FROM district d CROSS JOIN month_of t
            ), placed AS (
                SELECT district_code, year, month, unnest(range(n)) AS i FROM per_month WHERE n > 0
            ), picked AS (
                SELECT q.*, r.record_kind, r.reason, r.field
                FROM placed q JOIN reason_pick r
                  ON unit(hash(q.district_code, q.year, q.month, q.i, 'reason')) >= r.lo
                 AND unit(hash(q.district_code, q.year, q.month, q.i, 'reason')) < r.hi
            )
            SELECT e.path AS source_file, q.record_kind, q.district_code, q.year, q.month, q.field, q.reason, q.i
            FROM picked q JOIN export e
              ON e.district_code = q.district_code AND e.record_kind = q.record_kind
             AND q.year BETWEEN e.first_year AND e.last_year
            UNION ALL
            SELECT o.path, 'VISIT', NULL, CAST(year(o.rows_month) AS INTEGER), CAST(month(o.rows_month) AS INTEGER),
                   'kode_wilayah', CASE WHEN o.k % 2 = 0 THEN 'MISSING_REGION' ELSE 'UNKNOWN_REGION' END, i
            FROM (SELECT *, unnest(range(n)) AS i FROM orphan) o
            """;

    /** Exports dropped outside any district folder whose rows name no district the ETL can read. */
    private static final String ORPHANS = """
            CREATE TABLE orphan AS
            SELECT k, 'lain/kunjungan_tanpa_kode_wilayah_' || lpad(CAST(k AS VARCHAR), 2, '0') || '.csv' AS path,
                   CAST(3 + hash(k, 'orphan') % 25 AS INTEGER) AS n,
                   TIMESTAMP '2024-02-01 05:00:00' + to_days(CAST(k * 83 AS INTEGER)) AS modified_at,
                   TIMESTAMP '2024-02-01 05:00:00' + to_days(CAST(k * 83 AS INTEGER)) - INTERVAL 1 MONTH AS rows_month
            FROM range(1, 9) t(k)
            """;

    /** About one refused file a month since 2024, each reason in turn. */
    private static final String REJECTED = """
            CREATE TABLE rejected AS
            SELECT d.district_code || '/kunjungan_' || d.district_code || '_'
                       || strftime(TIMESTAMP '2024-01-10 04:00:00' + to_days(CAST(i * 29 AS INTEGER)), '%Y-%m')
                       || '.' || f.extension AS path,
                   d.district_code, f.*, TIMESTAMP '2024-01-10 04:00:00' + to_days(CAST(i * 29 AS INTEGER)) AS modified_at
            FROM range(24) t(i)
            JOIN district d ON d.rn = 1 + hash(i, 'rejected') % (SELECT count(*) FROM district)
            JOIN file_reason f ON f.ord = i % 6
            """;

    /** Runs every three weeks at 02:00 WIB up to this snapshot's; two failed and one was killed. */
    private static final String RUN_PLAN = """
            CREATE TABLE run_plan AS
            SELECT i, TIMESTAMP '2026-01-05 19:00:00' - to_days(CAST((35 - i) * 21 AS INTEGER)) AS started_at,
                   CASE WHEN i IN (7, 22) THEN 'FAILED' WHEN i = 15 THEN 'INTERRUPTED' END AS failure
            FROM range(36) t(i)
            """;

    /**
     * The ledger: each export balances (records = read = accepted + quarantined). Accepted visit rows
     * are the visits of visits_monthly; accepted referral rows are states: DIRUJUK and DIPROSES for
     * each referral, plus SELESAI or DITOLAK for the closed ones.
     */
    private static final String FILES = """
            CREATE TABLE files_t AS
            WITH visit_rows AS (
                SELECT district_code, year, sum(visits) AS n FROM vm GROUP BY ALL
            ), referral_rows AS (
                SELECT district_code, year, sum(2 * referred + completed + declined) AS n FROM ref GROUP BY ALL
            ), accepted AS (
                SELECT e.path, sum(r.n) AS n FROM export e
                JOIN (SELECT 'VISIT' AS record_kind, * FROM visit_rows
                      UNION ALL SELECT 'REFERRAL', * FROM referral_rows) r
                  ON r.record_kind = e.record_kind AND r.district_code = e.district_code
                 AND r.year BETWEEN e.first_year AND e.last_year
                GROUP BY e.path
            ), quarantined AS (
                SELECT source_file AS path, count(*) AS n FROM q_row GROUP BY ALL
            ), used AS (
                SELECT e.path, e.district_code AS folder_hint, e.kind, e.encoding, e.delimiter, e.modified_at,
                       CAST(a.n AS BIGINT) AS rows_accepted, coalesce(q.n, 0) AS rows_quarantined
                FROM export e JOIN accepted a USING (path) LEFT JOIN quarantined q USING (path)
                UNION ALL
                SELECT o.path, NULL, 'VISITS', 'windows-1252', ';', o.modified_at, 0, q.n
                FROM orphan o JOIN quarantined q USING (path)
            ), ledger AS (
                SELECT path, folder_hint, kind, encoding, delimiter, modified_at, 'USED' AS status,
                       CAST(NULL AS VARCHAR) AS reason, CAST(NULL AS VARCHAR) AS detail,
                       rows_accepted + rows_quarantined AS records, rows_accepted, rows_quarantined,
                       CASE WHEN encoding = 'xlsx' THEN 2600 + 95 * (rows_accepted + rows_quarantined)
                            ELSE 180 + 172 * (rows_accepted + rows_quarantined) + hash(path) % 50 END AS size
                FROM used
                UNION ALL
                SELECT path, district_code, kind, CASE WHEN reason IN ('EMPTY_FILE', 'BINARY_FILE', 'FILE_TOO_LARGE')
                       THEN NULL WHEN extension = 'xlsx' THEN 'xlsx' ELSE 'UTF-8' END,
                       CASE WHEN kind IS NULL OR extension = 'xlsx' THEN NULL ELSE ',' END,
                       modified_at, 'REJECTED', reason, detail, NULL, 0, 0, size
                FROM rejected
            ), seen AS (
                SELECT l.*, (SELECT min(r.i) FROM run_plan r WHERE r.failure IS NULL AND r.started_at > l.modified_at)
                            AS seen_by
                FROM ledger l
            )
            SELECT s.path, CAST(s.size AS BIGINT) AS size, epoch_ms(s.modified_at) AS modified,
                   sha256(s.path || '@' || epoch_ms(s.modified_at)) AS sha256,
                   row_number() OVER (ORDER BY s.modified_at, s.path) AS seq,
                   s.folder_hint,
                   CASE WHEN s.status = 'USED' THEN strftime(r.started_at, '%Y%m%dT%H%M%S') || '000Z' END AS batch,
                   s.kind, s.encoding, s.delimiter, s.status, s.reason, s.detail,
                   CAST(s.records AS BIGINT) AS records, CAST(coalesce(s.records, 0) AS BIGINT) AS rows_read,
                   CAST(s.rows_accepted AS BIGINT) AS rows_accepted, CAST(s.rows_quarantined AS BIGINT) AS rows_quarantined,
                   s.seen_by
            FROM seen s JOIN run_plan r ON r.i = s.seen_by
            """;

    /**
     * The journal as the ETL keeps it: a run that found new files published a snapshot, one that found
     * none left the current one (UNCHANGED), failed and killed runs count nothing.
     */
    private static final String RUNS = """
            CREATE TABLE runs_t AS
            WITH arrived AS (
                SELECT seen_by AS i, count(*) AS new_files FROM files_t GROUP BY ALL
            ), totals AS (
                SELECT r.i, count(f.path) AS files, CAST(coalesce(sum(f.rows_read), 0) AS BIGINT) AS rows_read,
                       CAST(coalesce(sum(f.rows_accepted), 0) AS BIGINT) AS rows_accepted,
                       CAST(coalesce(sum(f.rows_quarantined), 0) AS BIGINT) AS rows_quarantined
                FROM run_plan r LEFT JOIN files_t f ON f.seen_by <= r.i GROUP BY r.i
            ), judged AS (
                SELECT r.i, r.started_at, strftime(r.started_at, '%Y%m%dT%H%M%S') || '000Z' AS run_id,
                       coalesce(r.failure, CASE WHEN a.new_files > 0 THEN 'SUCCEEDED' ELSE 'UNCHANGED' END) AS status,
                       t.files, t.rows_read, t.rows_accepted, t.rows_quarantined
                FROM run_plan r LEFT JOIN arrived a ON a.i = r.i JOIN totals t ON t.i = r.i
            )
            SELECT run_id, timezone('UTC', started_at) AS started_at,
                   CASE WHEN status <> 'INTERRUPTED' THEN timezone('UTC', started_at + CASE status
                        WHEN 'SUCCEEDED' THEN to_seconds(CAST(60 + rows_read // 20000 AS BIGINT))
                        WHEN 'UNCHANGED' THEN to_seconds(CAST(25 AS BIGINT))
                        ELSE to_seconds(CAST(190 AS BIGINT)) END) END AS finished_at,
                   status,
                   CASE WHEN status IN ('SUCCEEDED', 'UNCHANGED') THEN files ELSE 0 END AS files,
                   CASE WHEN status = 'SUCCEEDED' THEN rows_read ELSE 0 END AS rows_read,
                   CASE WHEN status = 'SUCCEEDED' THEN rows_accepted ELSE 0 END AS rows_accepted,
                   CASE WHEN status = 'SUCCEEDED' THEN rows_quarantined ELSE 0 END AS rows_quarantined,
                   CASE status WHEN 'SUCCEEDED' THEN 'snapshot-' || run_id
                        WHEN 'UNCHANGED' THEN last_value(CASE WHEN status = 'SUCCEEDED' THEN 'snapshot-' || run_id END
                                                         IGNORE NULLS) OVER (ORDER BY i) END AS snapshot,
                   CASE status WHEN 'UNCHANGED' THEN 'no new or changed export files'
                        WHEN 'FAILED' THEN CASE WHEN i = 7 THEN 'java.lang.OutOfMemoryError: Java heap space'
                                                ELSE 'cannot write snapshot: No space left on device' END END AS message
            FROM judged
            """;
}
