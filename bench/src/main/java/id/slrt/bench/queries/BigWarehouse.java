package id.slrt.bench.queries;

import id.slrt.etl.Folders;
import id.slrt.etl.ingest.Reason;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A national-scale synthetic warehouse snapshot (docs/warehouse.md, schema version 5) for timing the
 * dashboard's queries: 2016-2025 x all 514 kabupaten/kota x all 13 programmes, with every service point
 * and need of each programme in every month. DuckDB writes it straight to Parquet in seconds, so the
 * benchmark needs neither Spark nor sample exports.
 *
 * <p>Every number comes from {@code hash()} of its row's key rather than {@code random()}: DuckDB's
 * random stream depends on thread scheduling, a hash does not, so the same call writes the same rows.
 * The numbers keep the contract's invariants (completed + declined + open = referred, people &lt;= visits,
 * shares = counts / visits, every ledger file balances, the runs add up to the snapshot row), so a
 * query that relies on them behaves as it does on real data.
 *
 * <p>Run {@code java -cp "bench/target/slrt-bench.jar:bench/target/lib/*" id.slrt.bench.queries.BigWarehouse
 * WAREHOUSE [REFERENCE]} to write one and print its timing, row counts and size.
 */
public final class BigWarehouse {
    /** Named after a run started just after the last month of data, as the ETL would name it. */
    public static final String SNAPSHOT = "snapshot-20260105T190000000Z";
    public static final int SCHEMA_VERSION = 6;
    public static final int FIRST_YEAR = 2016;
    public static final int LAST_YEAR = 2025;
    /** Table name to the query of its rows, in the order of docs/warehouse.md. */
    private static final Map<String, String> OUTPUT = outputs();
    /** The tables written: every table of docs/warehouse.md. */
    public static final List<String> TABLES = List.copyOf(OUTPUT.keySet());

    private static final String CURRENT = "CURRENT";
    private static final String STAGING_PREFIX = ".staging-";

    private BigWarehouse() {
    }

    /**
     * Writes the snapshot under {@code warehouseRoot} and makes it current, the way the ETL publishes:
     * tables into {@code .staging-NAME/}, renamed when complete, then {@code CURRENT} replaced atomically.
     * Writing again into the same root replaces the snapshot with an identical one.
     *
     * @param referenceDir holds {@code regions.csv} and (optionally, as in the ETL) {@code poverty.csv}
     * @return the snapshot folder
     */
    public static Path write(Path warehouseRoot, Path referenceDir) {
        Path root = warehouseRoot.toAbsolutePath().normalize();
        Path staging = root.resolve(STAGING_PREFIX + SNAPSHOT);
        Path spill = root.resolve(STAGING_PREFIX + SNAPSHOT + ".spill");
        try {
            Folders.delete(staging);
            Files.createDirectories(staging);
            try (Connection db = open(spill)) {
                for (String sql : generation(referenceDir.toAbsolutePath().normalize())) {
                    execute(db, sql);
                }
                for (Map.Entry<String, String> table : OUTPUT.entrySet()) {
                    copy(db, table.getKey(), table.getValue(), staging);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB failed", e);
            }
            Folders.delete(spill);
            return publish(root, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a warehouse in " + root, e);
        }
    }

    /** Rows per table of a snapshot, in {@link #TABLES} order (from the Parquet footers: fast). */
    public static Map<String, Long> rowCounts(Path snapshotDir) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + parquet(snapshotDir, table))) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the rows of " + snapshotDir, e);
        }
        return counts;
    }

    /** Bytes of the snapshot's Parquet files. */
    public static long parquetBytes(Path snapshotDir) {
        try (Stream<Path> files = Files.walk(snapshotDir)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).mapToLong(BigWarehouse::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code read_parquet(...)} of one table, for a query. */
    public static String parquet(Path snapshotDir, String table) {
        return "read_parquet('" + literal(snapshotDir.toAbsolutePath().resolve(table) + "/*.parquet") + "')";
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BigWarehouse WAREHOUSE [REFERENCE (default data/reference)]");
            System.exit(2);
        }
        long start = System.nanoTime();
        Path snapshot = write(Path.of(args[0]), Path.of(args.length > 1 ? args[1] : "data/reference"));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %s in %.1f s%n", snapshot, seconds);
        rowCounts(snapshot).forEach((table, rows) -> System.out.printf(Locale.ROOT, "  %-20s %,12d rows%n", table, rows));
        System.out.printf(Locale.ROOT, "Parquet on disk: %.1f MB%n", parquetBytes(snapshot) / 1e6);
    }

    // ---- generation: one SQL statement per step, each building a temporary table the next ones read

    /** Why a row is quarantined, for which kind of record, at which column, and how often (relative). */
    private record RowReason(String kind, Reason reason, String field, double weight) {
    }

    /** Duplicates and unreadable dates dominate, as in the sample exports; linking problems are referral-only. */
    private static final List<RowReason> ROW_REASONS = List.of(
            new RowReason("VISIT", Reason.DUPLICATE, "id_kunjungan", 15),
            new RowReason("VISIT", Reason.BAD_DATE, "tanggal_kunjungan", 10),
            new RowReason("VISIT", Reason.WRONG_FIELD_COUNT, null, 6),
            new RowReason("VISIT", Reason.UNKNOWN_PROGRAMME, "program", 6),
            new RowReason("VISIT", Reason.UNKNOWN_REGION, "kode_wilayah", 5),
            new RowReason("VISIT", Reason.MISSING_REGION, "kode_wilayah", 4),
            new RowReason("VISIT", Reason.MISSING_VISIT_ID, "id_kunjungan", 3),
            new RowReason("VISIT", Reason.DATE_OUT_OF_RANGE, "tanggal_kunjungan", 3),
            new RowReason("VISIT", Reason.UNKNOWN_CODE, "lokasi_layanan", 3),
            new RowReason("VISIT", Reason.UNKNOWN_CODE, "kebutuhan", 3),
            new RowReason("VISIT", Reason.AMBIGUOUS_REGION, "kode_wilayah", 2),
            new RowReason("VISIT", Reason.TRUNCATED_ROW, null, 1),
            new RowReason("VISIT", Reason.FIELD_TOO_LONG, null, 0.5),
            new RowReason("VISIT", Reason.UNTERMINATED_QUOTE, null, 0.5),
            new RowReason("REFERRAL", Reason.REFERRAL_WITHOUT_VISIT, "id_kunjungan", 6),
            new RowReason("REFERRAL", Reason.BAD_DATE, "tanggal_rujukan", 4),
            new RowReason("REFERRAL", Reason.BAD_DATE, "tanggal_status", 2),
            new RowReason("REFERRAL", Reason.DUPLICATE, "id_rujukan", 3),
            new RowReason("REFERRAL", Reason.WRONG_FIELD_COUNT, null, 2),
            new RowReason("REFERRAL", Reason.MISSING_REFERRAL_ID, "id_rujukan", 2),
            new RowReason("REFERRAL", Reason.UNKNOWN_CODE, "status", 2),
            new RowReason("REFERRAL", Reason.UNKNOWN_CODE, "instansi_tujuan", 2),
            new RowReason("REFERRAL", Reason.MISSING_VISIT_ID, "id_kunjungan", 1),
            new RowReason("REFERRAL", Reason.AMBIGUOUS_VISIT, "id_kunjungan", 1));

    /** A whole file the ETL refused, with a detail as it would write one. */
    private record FileReason(Reason reason, String kind, String extension, long size, String detail) {
    }

    private static final List<FileReason> FILE_REASONS = List.of(
            new FileReason(Reason.EMPTY_FILE, null, "csv", 0, ""),
            new FileReason(Reason.BINARY_FILE, null, "csv", 48_213, "NUL byte at offset 1043"),
            new FileReason(Reason.FILE_TOO_LARGE, null, "csv", 612_000_000, "612 MB, over 512 MB"),
            new FileReason(Reason.UNREADABLE_FILE, null, "xlsx", 91_544, "not a zip archive: invalid END header"),
            new FileReason(Reason.UNKNOWN_KIND, null, "csv", 20_480, "header: no,nama,alamat,keterangan"),
            new FileReason(Reason.MISSING_COLUMNS, "VISITS", "csv", 350_112, "tanggal_kunjungan, kode_wilayah"));

    /**
     * Dimensions, calibrated like the ETL's sample generator (SampleGenerator, Referrals): programme shares
     * of visits (per cent) with each programme's eventual completed and declined shares and median days to
     * an outcome (INFORMASI is answered on the spot, never referred), service point shares, need shares of
     * a programme, agency shares of a programme's referrals, and the seasonal weight of each month.
     */
    private static final List<String> DIMENSIONS = List.of("""
            CREATE MACRO unit(h) AS CAST(h % 1000003 AS DOUBLE) / 1000003
            """, """
            -- x rounded down or up at random, so small counts keep their expected value
            CREATE MACRO stochastic_round(x, h) AS CAST(floor(x + unit(h)) AS BIGINT)
            """, """
            -- a log-logistic distribution of days to an outcome (shape 2.43 approximates the samples'
            -- log-normal with sigma 0.7): share done within t days, and the day by which share p is done
            CREATE MACRO done_by(t, median) AS 1 / (1 + pow(median / t, 2.43))
            """, """
            CREATE MACRO day_of(p, median) AS median * pow(p / (1 - p), 1 / 2.43)
            """, """
            CREATE TABLE programme AS SELECT * FROM (VALUES
                ('PKH', 16.0, 0.50, 0.15, 40.0), ('BPNT', 14.0, 0.55, 0.15, 30.0), ('KIS', 20.0, 0.72, 0.08, 12.0),
                ('KIP', 9.0, 0.62, 0.10, 25.0), ('SKTM', 12.0, 0.88, 0.03, 3.0), ('INFORMASI', 11.0, NULL, NULL, NULL),
                ('ADMINDUK', 6.0, 0.82, 0.04, 8.0), ('RTLH', 3.0, 0.30, 0.20, 90.0), ('ATENSI', 2.0, 0.60, 0.10, 21.0),
                ('KUBE', 2.0, 0.35, 0.25, 60.0), ('APBD', 2.0, 0.55, 0.15, 30.0), ('RASTRA', 2.0, 0.60, 0.15, 20.0),
                ('LAINNYA', 1.0, 0.40, 0.20, 20.0)) t(programme, percent, completed, declined, median_days)
            """, """
            CREATE TABLE programme_need AS SELECT * FROM (VALUES
                ('PKH', 'BANTUAN_TUNAI', 0.8), ('PKH', 'PENDIDIKAN', 0.2), ('BPNT', 'PANGAN', 1.0),
                ('KIS', 'KESEHATAN', 1.0), ('KIP', 'PENDIDIKAN', 1.0), ('RASTRA', 'PANGAN', 1.0),
                ('KUBE', 'PEKERJAAN', 1.0), ('RTLH', 'PERUMAHAN', 1.0), ('ATENSI', 'DISABILITAS', 1.0),
                ('SKTM', 'KESEHATAN', 0.6), ('SKTM', 'PENDIDIKAN', 0.4), ('ADMINDUK', 'ADMINDUK', 1.0),
                ('APBD', 'BANTUAN_TUNAI', 0.5), ('APBD', 'KESEHATAN', 0.5), ('INFORMASI', 'LAINNYA', 1.0),
                ('LAINNYA', 'LAINNYA', 1.0)) t(programme, need, share)
            """, """
            CREATE TABLE service_point AS SELECT * FROM (VALUES
                ('SEKRETARIAT', 0.55), ('PUSKESOS', 0.35), ('PENJANGKAUAN', 0.10)) t(service_point, share)
            """, """
            CREATE TABLE programme_agency AS SELECT * FROM (VALUES
                ('PKH', 'DINSOS', 0.8), ('PKH', 'BANK_PENYALUR', 0.2), ('BPNT', 'DINSOS', 0.7),
                ('BPNT', 'BANK_PENYALUR', 0.3), ('KIS', 'BPJS', 0.7), ('KIS', 'DINKES', 0.3), ('KIP', 'DISDIK', 1.0),
                ('SKTM', 'PEMDES', 1.0), ('ADMINDUK', 'DISDUKCAPIL', 1.0), ('RTLH', 'DINSOS', 1.0),
                ('ATENSI', 'DINSOS', 1.0), ('KUBE', 'DINSOS', 1.0), ('APBD', 'DINSOS', 1.0), ('RASTRA', 'DINSOS', 1.0),
                ('LAINNYA', 'NON_PEMERINTAH', 1.0)) t(programme, agency, share)
            """, """
            -- school admissions (SKTM, KIP) and the BPJS cycle push June and July up
            CREATE TABLE season AS SELECT * FROM (VALUES (1, 0.90), (2, 0.85), (3, 0.95), (4, 0.95), (5, 1.00),
                (6, 1.30), (7, 1.20), (8, 1.00), (9, 0.95), (10, 0.95), (11, 0.90), (12, 0.75)) t(month, weight)
            """, """
            CREATE TABLE period AS SELECT * FROM (VALUES (2016, 2019), (2020, 2023), (2024, 2025)) t(first_year, last_year)
            """, """
            CREATE TABLE month_of AS
            SELECT CAST(y AS INTEGER) AS year, CAST(m AS INTEGER) AS month
            FROM range({first}, {last} + 1) a(y) CROSS JOIN range(1, 13) b(m)
            """);

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

    /** What each table's Parquet holds: exactly the documented columns, in the documented order and types. */
    private static Map<String, String> outputs() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("visits_monthly", """
                SELECT * FROM vm ORDER BY district_code, year, month, programme, service_point, need""");
        out.put("coverage_yearly", """
                SELECT year, count(DISTINCT district_code) AS districts, count(DISTINCT province_code) AS provinces
                FROM vm WHERE visits > 0 GROUP BY year ORDER BY year""");
        out.put("district_activity", """
                SELECT province_code, district_code, min(printf('%04d-%02d', year, month)) AS first_active_month,
                       max(printf('%04d-%02d', year, month)) AS last_active_month,
                       count(DISTINCT year * 12 + month) AS months_active
                FROM vm WHERE visits > 0 GROUP BY ALL ORDER BY district_code""");
        out.put("people_yearly", """
                WITH y AS (
                    SELECT province_code, district_code, year, sum(visits - visits_without_nik) AS with_nik
                    FROM vm GROUP BY ALL
                ), p AS (
                    SELECT *, CAST(floor(with_nik * (0.55 + 0.2 * unit(hash(district_code, year, 'people')))) AS BIGINT)
                              AS people
                    FROM y
                )
                SELECT province_code, district_code, year, people,
                       CAST(floor(people * (0.15 + 0.2 * unit(hash(district_code, year, 'returning')))) AS BIGINT)
                           AS people_returning
                FROM p ORDER BY district_code, year""");
        out.put("referrals_monthly", """
                SELECT * FROM ref ORDER BY district_code, year, month, programme, agency""");
        out.put("referral_backlog", """
                SELECT * FROM backlog ORDER BY district_code, year, month, age_band""");
        out.put("quarantine", """
                SELECT q.source_file, 2 + CAST(floor(unit(hash(q.source_file, q.year, q.month, q.i, q.reason)) * f.records) AS BIGINT)
                           AS line,
                       q.record_kind, q.district_code, q.year, q.month, q.field, q.reason, m.message_id, m.message_en
                FROM q_row q JOIN files_t f ON f.path = q.source_file JOIN reason_message m ON m.reason = q.reason
                ORDER BY q.source_file, line""");
        out.put("quality_monthly", """
                WITH v AS (
                    SELECT province_code, district_code, year, month, CAST(sum(visits) AS BIGINT) AS visits,
                           CAST(sum(visits_without_nik) AS BIGINT) AS visits_without_nik,
                           CAST(sum(visits_not_in_dtks) AS BIGINT) AS visits_not_in_dtks
                    FROM vm GROUP BY ALL
                ), q AS (
                    SELECT district_code, year, month, count(*) AS n FROM q_row WHERE district_code IS NOT NULL GROUP BY ALL
                )
                SELECT v.province_code, v.district_code, v.year, v.month, v.visits, v.visits_without_nik,
                       v.visits_not_in_dtks,
                       CASE WHEN v.visits > 0 THEN CAST(v.visits_without_nik AS DOUBLE) / v.visits END AS share_without_nik,
                       CASE WHEN v.visits > 0 THEN CAST(v.visits_not_in_dtks AS DOUBLE) / v.visits END AS share_not_in_dtks,
                       coalesce(q.n, 0) AS quarantined_rows
                FROM v LEFT JOIN q USING (district_code, year, month)
                ORDER BY v.district_code, v.year, v.month""");
        out.put("quarantine_monthly", """
                SELECT substr(district_code, 1, 2) AS province_code, district_code, year, month, record_kind, reason,
                       count(*) AS "rows"
                FROM q_row WHERE district_code IS NOT NULL AND year IS NOT NULL
                GROUP BY ALL ORDER BY district_code, year, month, record_kind, reason""");
        out.put("files", """
                SELECT path, size, modified, sha256, seq, folder_hint, batch, kind, encoding, delimiter, status, reason,
                       detail, records, rows_read, rows_accepted, rows_quarantined
                FROM files_t ORDER BY seq""");
        out.put("runs", """
                SELECT * FROM runs_t ORDER BY run_id""");
        out.put("snapshot", """
                SELECT CAST({schema_version} AS INTEGER) AS schema_version, snapshot, run_id, finished_at AS built_at,
                       files, rows_accepted, true AS sample
                FROM runs_t WHERE snapshot = '{snapshot}' AND status = 'SUCCEEDED'""");
        out.put("regions", """
                SELECT * FROM regions_ref ORDER BY code""");
        out.put("poverty", """
                SELECT * FROM poverty_ref ORDER BY district_code""");
        return out;
    }

    /** Every statement that builds the temporary tables, in order, with the reference files filled in. */
    private static List<String> generation(Path referenceDir) {
        Path poverty = referenceDir.resolve("poverty.csv");
        List<String> steps = new ArrayList<>(DIMENSIONS);
        steps.add(REGIONS.replace("{regions}", literal(referenceDir.resolve("regions.csv").toString())));
        steps.add(Files.isRegularFile(poverty) ? POVERTY.replace("{poverty}", literal(poverty.toString())) : NO_POVERTY);
        steps.add(reasonPick());
        steps.add(reasonMessages());
        steps.add(fileReasons());
        steps.addAll(List.of(DISTRICTS, VISITS, REFERRALS, BACKLOG, EXPORTS, ORPHANS, QUARANTINE_ROWS, REJECTED,
                RUN_PLAN, FILES, RUNS));
        return steps.stream().map(BigWarehouse::fill).toList();
    }

    private static String fill(String sql) {
        return sql.replace("{first}", String.valueOf(FIRST_YEAR)).replace("{last}", String.valueOf(LAST_YEAR))
                .replace("{next_year}", String.valueOf(LAST_YEAR + 1))
                .replace("{schema_version}", String.valueOf(SCHEMA_VERSION)).replace("{snapshot}", SNAPSHOT);
    }

    /** Row reasons as [lo, hi) slices of [0, 1), so one uniform draw picks a reason by its weight. */
    private static String reasonPick() {
        double total = ROW_REASONS.stream().mapToDouble(RowReason::weight).sum();
        List<String> rows = new ArrayList<>();
        double lo = 0;
        for (RowReason r : ROW_REASONS) {
            double hi = lo + r.weight() / total;
            rows.add("(" + text(r.kind()) + ", " + text(r.reason().name()) + ", " + text(r.field()) + ", "
                    + decimal(lo) + ", " + (r == ROW_REASONS.getLast() ? "1.1" : decimal(hi)) + ")");
            lo = hi;
        }
        return "CREATE TABLE reason_pick AS SELECT * FROM (VALUES " + String.join(", ", rows)
                + ") t(record_kind, reason, field, lo, hi)";
    }

    /** The messages come from the ETL's own {@link Reason}, so they read as the real quarantine's. */
    private static String reasonMessages() {
        String rows = ROW_REASONS.stream().map(RowReason::reason).distinct()
                .map(r -> "(" + text(r.name()) + ", " + text(r.indonesian()) + ", " + text(r.english()) + ")")
                .collect(Collectors.joining(", "));
        return "CREATE TABLE reason_message AS SELECT * FROM (VALUES " + rows + ") t(reason, message_id, message_en)";
    }

    private static String fileReasons() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < FILE_REASONS.size(); i++) {
            FileReason f = FILE_REASONS.get(i);
            rows.add("(" + i + ", " + text(f.reason().name()) + ", " + text(f.kind()) + ", " + text(f.extension()) + ", "
                    + f.size() + ", " + text(f.detail()) + ")");
        }
        return "CREATE TABLE file_reason AS SELECT * FROM (VALUES " + String.join(", ", rows)
                + ") t(ord, reason, kind, extension, size, detail)";
    }

    // ---- DuckDB and files

    /** Limits memory because other builds share the machine; spills (if ever) next to the staging folder. */
    private static Connection open(Path spill) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:duckdb:");
        execute(db, "SET memory_limit = '3GB'");
        execute(db, "SET temp_directory = '" + literal(spill.toString()) + "'");
        return db;
    }

    private static void copy(Connection db, String table, String select, Path staging) throws IOException {
        Path dir = Files.createDirectories(staging.resolve(table));
        execute(db, "COPY (" + fill(select) + ") TO '" + literal(dir.resolve("part-0.parquet").toString())
                + "' (FORMAT parquet)");
    }

    /** Renames the complete snapshot into place, then points CURRENT at it atomically. */
    private static Path publish(Path root, Path staging) throws IOException {
        Path snapshot = root.resolve(SNAPSHOT);
        Folders.delete(snapshot);
        Files.move(staging, snapshot, StandardCopyOption.ATOMIC_MOVE);
        Path tmp = root.resolve(CURRENT + ".tmp");
        Files.writeString(tmp, SNAPSHOT + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return snapshot;
    }

    private static void execute(Connection db, String sql) {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.9f", value);
    }

    /** A SQL string literal, or NULL. */
    private static String text(String value) {
        return value == null ? "NULL" : "'" + literal(value) + "'";
    }

    private static String literal(String text) {
        return text.replace("'", "''");
    }
}
