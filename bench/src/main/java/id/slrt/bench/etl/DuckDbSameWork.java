package id.slrt.bench.etl;

import id.slrt.etl.ingest.ExportKind;
import id.slrt.etl.ingest.Reason;
import id.slrt.etl.visits.VisitExport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * DuckDB doing the ETL's work, from the same CSV exports, one SQL statement per step: the checks of
 * {@code RowChecker} (required fields, the date formats, the region code or name against the Kemendagri
 * reference, the programme and codes known, NIK and No. KK of 16 digits), a keyed pseudonym of NIK and
 * No. KK for every checked row ({@code sha256(key || value)}: DuckDB has no HMAC), the quarantine with a
 * reason, latest-wins de-duplication of visits by (district, id_kunjungan), the district-folder rule, and
 * the tables of docs/warehouse.md written as Parquet: visits_monthly, coverage_yearly, district_activity,
 * people_yearly, referrals_monthly, referral_backlog and quarantine.
 *
 * <p>What it does differently, and why it does not change the counts on generated exports:
 * <ul>
 *   <li>the dialect of each file (delimiter, kind from the header, header order) is read from its first
 *       line in Java ({@link #sniff}, timed with the rest), then every file of one kind and delimiter is read
 *       by one {@code read_csv} with the columns by position: the bench refuses a file whose header (after
 *       the ETL's own normalisation, {@link ExportKind#normaliseHeader}) is not the canonical order;</li>
 *   <li>every file is decoded as Latin-1: the checked fields are ASCII and names are dropped, so a
 *       Windows-1252 or UTF-8 (BOM) file gives the same codes;</li>
 *   <li>a row with too few fields is WRONG_FIELD_COUNT, also when it is the file's cut-off last line (the
 *       ETL says TRUNCATED_ROW): {@code read_csv} gives no line numbers, so the quarantine's {@code line} is
 *       null and the two reasons are compared together;</li>
 *   <li>{@code trim} strips spaces where the ETL strips any white space.</li>
 * </ul>
 * The database is a file in the work folder, with a memory limit and its temp directory there too, so
 * that 100 million rows spill to disk instead of failing.
 */
final class DuckDbSameWork implements AutoCloseable {
    static final String DATABASE = "same-work.duckdb";

    /** One export file as its first line tells: kind, delimiter; seq is the export order (later wins). */
    record ExportFile(String path, Path absolute, ExportKind kind, char delimiter, long seq) {
    }

    /** What the run read and decided. */
    record Counts(long rowsRead, long visitRowsRead, long accepted, long quarantined,
                  Map<String, Long> quarantinedByReason) {
    }

    /** Seconds per step, in order. */
    record Timing(Map<String, Double> steps, double seconds) {
    }

    // ---- the SQL, one statement per step -------------------------------------------------------------

    static final String SETTINGS = """
            SET memory_limit = '{memory}';
            SET temp_directory = '{temp}';
            SET threads = {threads};
            SET preserve_insertion_order = false;
            """;

    /** The ETL's helpers as macros: a code, a date in one of the accepted formats, its range. */
    static final String MACROS = """
            CREATE OR REPLACE MACRO slrt_code(x) AS regexp_replace(upper(trim(coalesce(x, ''))), '[\\s-]+', '_', 'g');
            CREATE OR REPLACE MACRO slrt_day_text(x) AS CASE
                WHEN length(trim(x)) > 10 AND substr(trim(x), 11, 1) IN ('T', ' ') THEN left(trim(x), 10)
                ELSE trim(x) END;
            CREATE OR REPLACE MACRO slrt_day(x) AS CAST(CASE
                WHEN regexp_full_match(slrt_day_text(x), '\\d{4}-\\d{2}-\\d{2}') THEN try_strptime(slrt_day_text(x), '%Y-%m-%d')
                WHEN regexp_full_match(slrt_day_text(x), '\\d{1,2}/\\d{1,2}/\\d{4}') THEN try_strptime(slrt_day_text(x), '%d/%m/%Y')
                WHEN regexp_full_match(slrt_day_text(x), '\\d{2}-\\d{2}-\\d{4}') THEN try_strptime(slrt_day_text(x), '%d-%m-%Y')
                END AS DATE);
            CREATE OR REPLACE MACRO slrt_day_problem(d) AS CASE
                WHEN d IS NULL THEN 'BAD_DATE'
                WHEN d < DATE '{first_day}' OR d > DATE '{today}' THEN 'DATE_OUT_OF_RANGE' END;
            CREATE OR REPLACE MACRO slrt_digits(x) AS regexp_replace(coalesce(x, ''), '[^0-9]', '', 'g');
            CREATE OR REPLACE MACRO slrt_pseudonym(digits) AS CASE
                WHEN length(digits) = 16 THEN left(sha256('{key}' || digits), 32) END;
            CREATE OR REPLACE MACRO slrt_region_name(x) AS regexp_replace(regexp_replace(regexp_replace(regexp_replace(
                trim(regexp_replace(upper(x), '[^A-Z0-9]+', ' ', 'g')),
                '^(KAB|KABUPATEN) ', 'KABUPATEN '), '^(KOTA ADM|KOTA ADMINISTRASI) ', 'KOTA '),
                '^ADMINISTRASI ', ''), ' +', ' ', 'g');
            """;

    /** The reference: district codes, village codes, district names (a name of two districts is ambiguous). */
    static final String DISTRICTS = """
            CREATE OR REPLACE TABLE districts AS
            SELECT code, type, slrt_region_name(name) AS name
            FROM read_csv('{regions}', header = true, all_varchar = true)
            WHERE level = 'KABUPATEN_KOTA'
            """;
    static final String VILLAGES = """
            CREATE OR REPLACE TABLE villages AS
            SELECT code FROM read_csv('{villages}', header = true, all_varchar = true)
            WHERE level = 'DESA_KELURAHAN'
            """;
    static final String DISTRICT_NAMES = """
            CREATE OR REPLACE TABLE district_names AS
            WITH prefixed AS (
              SELECT CASE type WHEN 'KOTA' THEN 'KOTA ' ELSE 'KABUPATEN ' END || name AS name, min(code) AS code
              FROM districts GROUP BY 1
            )
            SELECT name, code FROM prefixed
            UNION ALL
            SELECT name, CASE WHEN count(*) > 1 THEN '?' ELSE min(code) END
            FROM districts WHERE name NOT IN (SELECT name FROM prefixed) GROUP BY name
            """;

    /** The ledger: path relative to the inbox, export order, folder district when the first folder is one. */
    static final String FILES = """
            CREATE OR REPLACE TABLE files AS
            SELECT f.path, f.absolute, f.seq, f.folder_hint, d.code AS folder_district
            FROM (VALUES {values}) f(path, absolute, seq, folder_hint)
            LEFT JOIN districts d ON d.code = f.folder_hint
            """;

    /** One read of every file of a kind and delimiter; columns by position, every field text, '' stays ''. */
    static final String READ = """
            SELECT filename, {columns}
            FROM read_csv([{files}], header = true, delim = '{delim}', quote = '"', escape = '"',
                          columns = {{types}}, auto_detect = false, null_padding = true, nullstr = '\\u0001',
                          encoding = 'latin-1', filename = true, strict_mode = false)
            """;

    /** Visits checked in the order of RowChecker.visit: the first problem is the reason. */
    static final String VISITS_CHECKED = """
            SELECT f.path, f.seq, f.folder_hint, 'V' AS kind, reason,
                   CASE WHEN short_row THEN NULL
                        WHEN id_kunjungan = '' THEN 'id_kunjungan'
                        WHEN reason IN ('BAD_DATE', 'DATE_OUT_OF_RANGE') THEN 'tanggal_kunjungan'
                        WHEN reason IN ('MISSING_REGION', 'UNKNOWN_REGION', 'AMBIGUOUS_REGION') THEN 'kode_wilayah'
                        WHEN reason = 'UNKNOWN_PROGRAMME' THEN 'program'
                        WHEN service_point NOT IN ({service_points}) THEN 'lokasi_layanan'
                        WHEN channel NOT IN ({channels}) THEN 'kanal'
                        WHEN need NOT IN ({needs}) THEN 'kebutuhan' END AS field,
                   CASE WHEN NOT short_row AND id_kunjungan <> '' AND slrt_day_problem(day) IS NULL THEN day END AS event_date,
                   CASE WHEN reason IS NULL OR reason IN ('UNKNOWN_PROGRAMME', 'UNKNOWN_CODE') THEN region END AS district_code,
                   CASE WHEN NOT short_row THEN id_kunjungan END AS id_kunjungan,
                   CAST(NULL AS VARCHAR) AS id_rujukan, CAST(NULL AS DATE) AS status_date,
                   programme, service_point, need, CAST(NULL AS VARCHAR) AS agency, CAST(NULL AS VARCHAR) AS status,
                   CASE WHEN reason IS NULL THEN slrt_pseudonym(nik_digits) END AS person_key,
                   CASE WHEN reason IS NULL THEN slrt_pseudonym(kk_digits) END AS household_key,
                   length(nik_digits) = 16 AS has_nik, in_dtks
            FROM (
              SELECT *, CASE
                  WHEN short_row THEN 'WRONG_FIELD_COUNT'
                  WHEN id_kunjungan = '' THEN 'MISSING_VISIT_ID'
                  WHEN slrt_day_problem(day) IS NOT NULL THEN slrt_day_problem(day)
                  WHEN region_text = '' THEN 'MISSING_REGION'
                  WHEN region IS NULL THEN 'UNKNOWN_REGION'
                  WHEN region = '?' THEN 'AMBIGUOUS_REGION'
                  WHEN programme NOT IN ({programmes}) THEN 'UNKNOWN_PROGRAMME'
                  WHEN service_point NOT IN ({service_points}) THEN 'UNKNOWN_CODE'
                  WHEN channel NOT IN ({channels}) THEN 'UNKNOWN_CODE'
                  WHEN need NOT IN ({needs}) THEN 'UNKNOWN_CODE' END AS reason
              FROM (
                SELECT v.*, CASE WHEN v.region_text = '' THEN NULL
                                 WHEN v.numeric_region THEN coalesce(d4.code, left(v10.code, 4))
                                 ELSE dn.code END AS region
                FROM (
                  SELECT filename, program IS NULL AS short_row,
                         trim(id_kunjungan) AS id_kunjungan,
                         slrt_day(tanggal_kunjungan) AS day,
                         trim(kode_wilayah) AS region_text,
                         replace(replace(trim(kode_wilayah), '.', ''), ' ', '') AS region_digits,
                         regexp_full_match(replace(replace(trim(kode_wilayah), '.', ''), ' ', ''), '[0-9]*') AS numeric_region,
                         slrt_code(program) AS programme,
                         nullif(slrt_code(lokasi_layanan), '') AS service_point,
                         nullif(slrt_code(kanal), '') AS channel,
                         nullif(slrt_code(kebutuhan), '') AS need,
                         slrt_digits(nik) AS nik_digits, slrt_digits(no_kk) AS kk_digits,
                         trim(coalesce(id_dtks, '')) <> '' AS in_dtks
                  FROM ({read})
                ) v
                LEFT JOIN districts d4
                  ON d4.code = CASE WHEN v.numeric_region AND length(v.region_digits) IN (4, 6) THEN left(v.region_digits, 4) END
                LEFT JOIN villages v10
                  ON v10.code = CASE WHEN v.numeric_region AND length(v.region_digits) = 10 THEN v.region_digits END
                LEFT JOIN district_names dn
                  ON dn.name = CASE WHEN NOT v.numeric_region THEN slrt_region_name(v.region_text) END
              )
            ) c
            JOIN files f ON f.absolute = c.filename
            """;

    /** Referrals checked in the order of RowChecker.referral. */
    static final String REFERRALS_CHECKED = """
            SELECT f.path, f.seq, f.folder_hint, 'R' AS kind, reason,
                   CASE WHEN short_row THEN NULL
                        WHEN id_rujukan = '' THEN 'id_rujukan'
                        WHEN id_kunjungan = '' THEN 'id_kunjungan'
                        WHEN slrt_day_problem(day) IS NOT NULL THEN 'tanggal_rujukan'
                        WHEN reason = 'UNKNOWN_CODE' AND status NOT IN ('DIRUJUK', 'DIPROSES', 'SELESAI', 'DITOLAK') THEN 'status'
                        WHEN reason = 'UNKNOWN_CODE' THEN 'instansi_tujuan'
                        WHEN reason = 'UNKNOWN_PROGRAMME' THEN 'program'
                        WHEN reason IS NOT NULL THEN 'tanggal_status' END AS field,
                   CASE WHEN NOT short_row AND id_rujukan <> '' AND id_kunjungan <> '' AND slrt_day_problem(day) IS NULL
                        THEN day END AS event_date,
                   CAST(NULL AS VARCHAR) AS district_code,
                   CASE WHEN NOT short_row AND id_rujukan <> '' THEN id_kunjungan END AS id_kunjungan,
                   CASE WHEN NOT short_row THEN id_rujukan END AS id_rujukan,
                   CASE WHEN reason IS NULL THEN CASE WHEN no_status_date THEN day ELSE status_day END END AS status_date,
                   programme, CAST(NULL AS VARCHAR) AS service_point, CAST(NULL AS VARCHAR) AS need, agency, status,
                   CAST(NULL AS VARCHAR) AS person_key, CAST(NULL AS VARCHAR) AS household_key,
                   false AS has_nik, false AS in_dtks
            FROM (
              SELECT *, CASE
                  WHEN short_row THEN 'WRONG_FIELD_COUNT'
                  WHEN id_rujukan = '' THEN 'MISSING_REFERRAL_ID'
                  WHEN id_kunjungan = '' THEN 'MISSING_VISIT_ID'
                  WHEN slrt_day_problem(day) IS NOT NULL THEN slrt_day_problem(day)
                  WHEN status NOT IN ('DIRUJUK', 'DIPROSES', 'SELESAI', 'DITOLAK') THEN 'UNKNOWN_CODE'
                  WHEN agency NOT IN ({agencies}) THEN 'UNKNOWN_CODE'
                  WHEN programme NOT IN ({programmes}) THEN 'UNKNOWN_PROGRAMME'
                  WHEN NOT no_status_date AND slrt_day_problem(status_day) IS NOT NULL THEN slrt_day_problem(status_day)
                  END AS reason
              FROM (
                SELECT filename, alasan IS NULL AS short_row,
                       trim(id_rujukan) AS id_rujukan, trim(id_kunjungan) AS id_kunjungan,
                       slrt_day(tanggal_rujukan) AS day,
                       slrt_code(status) AS status,
                       nullif(slrt_code(instansi_tujuan), '') AS agency,
                       nullif(slrt_code(program), '') AS programme,
                       trim(coalesce(tanggal_status, '')) = '' AS no_status_date,
                       slrt_day(tanggal_status) AS status_day
                FROM ({read})
              )
            ) c
            JOIN files f ON f.absolute = c.filename
            """;

    /** Staging: every row of every file read, checked and pseudonymised (the ETL's staged batch). */
    static final String ROWS = "CREATE OR REPLACE TABLE rows AS\n{parts}";

    /** Latest wins: export order, then path (read_csv gives no line numbers: no duplicate is in one file). */
    static final String VISITS_RANKED = """
            CREATE OR REPLACE TABLE visits_ranked AS
            SELECT r.path, r.seq, r.district_code, r.id_kunjungan, r.event_date, r.programme, r.service_point,
                   r.need, r.person_key, r.household_key, r.has_nik, r.in_dtks,
                   row_number() OVER (PARTITION BY r.district_code, r.id_kunjungan ORDER BY r.seq DESC, r.path DESC) AS copy
            FROM rows r JOIN files fd ON fd.path = r.path
            WHERE r.kind = 'V' AND r.reason IS NULL
              AND NOT coalesce(fd.folder_district IS NOT NULL AND r.district_code <> fd.folder_district, false)
            """;

    static final String VISITS_ACCEPTED = "CREATE OR REPLACE VIEW visits_accepted AS SELECT * FROM visits_ranked WHERE copy = 1";

    static final String VISITS_OTHER_DISTRICT = """
            CREATE OR REPLACE VIEW visits_other_district AS
            SELECT r.path, fd.folder_district AS district_code, r.event_date
            FROM rows r JOIN files fd ON fd.path = r.path
            WHERE r.kind = 'V' AND r.reason IS NULL
              AND coalesce(fd.folder_district IS NOT NULL AND r.district_code <> fd.folder_district, false)
            """;

    static final String VISITS_MONTHLY = """
            COPY (
              SELECT substr(district_code, 1, 2)             AS province_code,
                     district_code,
                     CAST(year(event_date) AS INTEGER)       AS year,
                     CAST(month(event_date) AS INTEGER)      AS month,
                     programme,
                     coalesce(service_point, 'TIDAK_DIISI')  AS service_point,
                     coalesce(need, 'TIDAK_DIISI')           AS need,
                     count(*)                                AS visits,
                     count(DISTINCT person_key)              AS people,
                     CAST(count_if(NOT has_nik) AS BIGINT)   AS visits_without_nik,
                     CAST(count_if(NOT in_dtks) AS BIGINT)   AS visits_not_in_dtks
              FROM visits_accepted
              GROUP BY ALL
              ORDER BY district_code, year, month, programme, service_point, need
            ) TO '{out}/visits_monthly.parquet' (FORMAT parquet)
            """;

    static final String COVERAGE_YEARLY = """
            COPY (
              SELECT CAST(year(event_date) AS INTEGER) AS year, count(DISTINCT district_code) AS districts,
                     count(DISTINCT substr(district_code, 1, 2)) AS provinces
              FROM visits_accepted GROUP BY 1 ORDER BY 1
            ) TO '{out}/coverage_yearly.parquet' (FORMAT parquet)
            """;

    static final String DISTRICT_ACTIVITY = """
            COPY (
              SELECT substr(district_code, 1, 2) AS province_code, district_code,
                     strftime(min(event_date), '%Y-%m') AS first_active_month,
                     strftime(max(event_date), '%Y-%m') AS last_active_month,
                     count(DISTINCT year(event_date) * 12 + month(event_date) - 1) AS months_active
              FROM visits_accepted GROUP BY 1, 2 ORDER BY 2
            ) TO '{out}/district_activity.parquet' (FORMAT parquet)
            """;

    /** Exact distinct people per district and year; returning: an earlier visit within 183 days. */
    static final String PEOPLE_YEARLY = """
            COPY (
              WITH p AS (
                SELECT district_code, CAST(year(event_date) AS INTEGER) AS year, person_key,
                       date_diff('day', lag(event_date) OVER (PARTITION BY district_code, person_key ORDER BY event_date),
                                 event_date) AS days_since
                FROM visits_accepted WHERE person_key IS NOT NULL
              )
              SELECT substr(district_code, 1, 2) AS province_code, district_code, year,
                     count(DISTINCT person_key) AS people,
                     count(DISTINCT CASE WHEN days_since <= 183 THEN person_key END) AS people_returning
              FROM p GROUP BY district_code, year ORDER BY district_code, year
            ) TO '{out}/people_yearly.parquet' (FORMAT parquet)
            """;

    static final String VISIT_INDEX = """
            CREATE OR REPLACE TABLE visit_index AS
            SELECT id_kunjungan, count(*) AS districts, min(district_code) AS only_district,
                   list(DISTINCT district_code) AS district_codes
            FROM visits_accepted GROUP BY id_kunjungan
            """;

    /** A referral belongs to its visit's district; the district folder decides between several. */
    static final String REFERRALS_LINKED = """
            CREATE OR REPLACE TABLE referrals_linked AS
            SELECT r.path, r.seq, r.id_rujukan, r.id_kunjungan, r.event_date, r.status_date, r.programme, r.agency,
                   r.status, r.folder_hint,
                   CASE WHEN vi.id_kunjungan IS NULL THEN 'REFERRAL_WITHOUT_VISIT'
                        WHEN coalesce(fd.folder_district IS NOT NULL
                                      AND NOT list_contains(vi.district_codes, fd.folder_district), false) THEN 'OTHER_DISTRICT'
                        WHEN vi.districts > 1 AND NOT coalesce(list_contains(vi.district_codes, r.folder_hint), false)
                          THEN 'AMBIGUOUS_VISIT' END AS link_problem,
                   CASE WHEN vi.districts = 1 THEN vi.only_district
                        WHEN list_contains(vi.district_codes, r.folder_hint) THEN r.folder_hint END AS referral_district
            FROM rows r
            LEFT JOIN visit_index vi ON vi.id_kunjungan = r.id_kunjungan
            JOIN files fd ON fd.path = r.path
            WHERE r.kind = 'R' AND r.reason IS NULL
            """;

    /** The latest state by status date, then export order, then path. */
    static final String REFERRAL_STATES = """
            CREATE OR REPLACE TABLE referral_states AS
            SELECT *, row_number() OVER (PARTITION BY referral_district, id_rujukan
                                         ORDER BY status_date DESC, seq DESC, path DESC) AS state_rank
            FROM referrals_linked WHERE link_problem IS NULL
            """;

    static final String REFERRALS_CURRENT =
            "CREATE OR REPLACE VIEW referrals_current AS SELECT * FROM referral_states WHERE state_rank = 1";

    static final String REFERRALS_MONTHLY = """
            COPY (
              SELECT substr(referral_district, 1, 2)  AS province_code,
                     referral_district                 AS district_code,
                     CAST(year(event_date) AS INTEGER)  AS year,
                     CAST(month(event_date) AS INTEGER) AS month,
                     coalesce(programme, 'LAINNYA')     AS programme,
                     coalesce(agency, 'TIDAK_DIISI')    AS agency,
                     count(*)                                             AS referred,
                     CAST(count_if(status = 'SELESAI') AS BIGINT)                AS completed,
                     CAST(count_if(status = 'DITOLAK') AS BIGINT)                AS declined,
                     CAST(count_if(status IN ('DIRUJUK', 'DIPROSES')) AS BIGINT) AS open,
                     CAST(count_if(status = 'SELESAI' AND date_diff('day', event_date, status_date) <= {sla}) AS BIGINT)
                                                                          AS completed_within_sla,
                     quantile_cont(CASE WHEN status = 'SELESAI' THEN date_diff('day', event_date, status_date) END, 0.5)
                                                                          AS days_to_complete_p50,
                     quantile_cont(CASE WHEN status = 'SELESAI' THEN date_diff('day', event_date, status_date) END, 0.9)
                                                                          AS days_to_complete_p90
              FROM referrals_current
              GROUP BY 1, 2, 3, 4, 5, 6
              ORDER BY district_code, year, month, programme, agency
            ) TO '{out}/referrals_monthly.parquet' (FORMAT parquet)
            """;

    /** Open referrals at each month end up to the last month with any date, by age band. */
    static final String REFERRAL_BACKLOG = """
            COPY (
              WITH bounds AS (
                SELECT date_trunc('month', max(greatest(event_date, status_date))) AS last_month FROM referrals_current
              ), month_ends AS (
                SELECT r.referral_district, r.event_date, r.status, r.status_date,
                       CAST(last_day(m.month_start) AS DATE) AS month_end
                FROM referrals_current r CROSS JOIN bounds b,
                     LATERAL (SELECT unnest(generate_series(date_trunc('month', r.event_date), b.last_month,
                                                            INTERVAL 1 MONTH)) AS month_start) m
              )
              SELECT substr(referral_district, 1, 2) AS province_code,
                     referral_district                AS district_code,
                     CAST(year(month_end) AS INTEGER)  AS year,
                     CAST(month(month_end) AS INTEGER) AS month,
                     CASE WHEN date_diff('day', event_date, month_end) <= 30 THEN '0-30'
                          WHEN date_diff('day', event_date, month_end) <= 90 THEN '31-90'
                          ELSE '>90' END              AS age_band,
                     count(*)                         AS open
              FROM month_ends
              WHERE event_date <= month_end
                AND NOT (status IN ('SELESAI', 'DITOLAK') AND status_date <= month_end)
              GROUP BY 1, 2, 3, 4, 5
              ORDER BY district_code, year, month, age_band
            ) TO '{out}/referral_backlog.parquet' (FORMAT parquet)
            """;

    /**
     * Every quarantined row, placed as the ETL places it: the folder's district, else the row's, else where
     * most of the file's good rows are; the month of the row, else the file's most common month.
     */
    static final String QUARANTINE = """
            CREATE OR REPLACE TABLE quarantine_rows AS
            WITH q AS (
              SELECT path AS source_file, CASE kind WHEN 'V' THEN 'VISIT' ELSE 'REFERRAL' END AS record_kind,
                     district_code, year(event_date) AS year, month(event_date) AS month, field, reason
              FROM rows WHERE reason IS NOT NULL
              UNION ALL
              SELECT path, 'VISIT', district_code, year(event_date), month(event_date), 'id_kunjungan', 'DUPLICATE'
              FROM visits_ranked WHERE copy > 1
              UNION ALL
              SELECT path, 'REFERRAL', NULL, year(event_date), month(event_date), 'id_kunjungan', link_problem
              FROM referrals_linked WHERE link_problem IS NOT NULL
              UNION ALL
              SELECT path, 'VISIT', district_code, year(event_date), month(event_date), 'kode_wilayah', 'OTHER_DISTRICT'
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
            SELECT q.source_file, CAST(NULL AS BIGINT) AS line, q.record_kind,
                   coalesce(fd.folder_district, q.district_code, h.district_code, h.folder_hint) AS district_code,
                   CAST(coalesce(q.year, h.ym // 100) AS INTEGER) AS year,
                   CAST(coalesce(q.month, h.ym % 100) AS INTEGER) AS month,
                   q.field, q.reason, m.message_id, m.message_en
            FROM q LEFT JOIN home h ON h.path = q.source_file
            LEFT JOIN files fd ON fd.path = q.source_file
            LEFT JOIN (VALUES {messages}) m(reason, message_id, message_en) ON m.reason = q.reason
            """;

    static final String QUARANTINE_OUT = """
            COPY (SELECT * FROM quarantine_rows ORDER BY source_file, record_kind, reason)
            TO '{out}/quarantine.parquet' (FORMAT parquet)
            """;

    private static final Map<ExportKind, List<String>> COLUMNS = Map.of(
            ExportKind.VISITS, ExportKind.VISITS.columns(), ExportKind.REFERRALS, ExportKind.REFERRALS.columns());
    static final List<String> AGENCIES = List.of("DINKES", "DISDIK", "DISDUKCAPIL", "BPJS", "DINSOS", "BANK_PENYALUR",
            "PEMDES", "NON_PEMERINTAH");

    private final Connection connection;

    /**
     * Opens (creating) the database file in {@code dir}, with {@code dir/tmp} as temp directory.
     *
     * @param memory DuckDB's memory limit, e.g. "4GB"
     */
    DuckDbSameWork(Path dir, String memory, int threads, String key) {
        try {
            Files.createDirectories(dir.resolve("tmp"));
            connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DATABASE).toAbsolutePath());
            execute(SETTINGS.replace("{memory}", memory).replace("{temp}", literal(dir.resolve("tmp").toAbsolutePath().toString()))
                    .replace("{threads}", String.valueOf(threads)));
            execute(MACROS.replace("{key}", literal(key)).replace("{today}", LocalDate.now(id.slrt.etl.Etl.ZONE).toString())
                    .replace("{first_day}", VisitExport.FIRST_YEAR + "-01-01"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB in " + dir, e);
        }
    }

    /**
     * The dialect of every file under the inbox from its first line, in path order. Files in {@code later}
     * (relative paths) come after the others in export order, as files added by a later ETL run do.
     */
    static List<ExportFile> sniff(Path inbox, Set<String> later) {
        List<ExportFile> files = new ArrayList<>();
        List<Path> paths = new ArrayList<>(SampleSet.csvFiles(inbox));
        Function<Path, String> relative = p -> inbox.relativize(p).toString().replace('\\', '/');
        paths.sort((a, b) -> {
            int c = Boolean.compare(later.contains(relative.apply(a)), later.contains(relative.apply(b)));
            return c != 0 ? c : relative.apply(a).compareTo(relative.apply(b));
        });
        long seq = 0;
        for (Path p : paths) {
            String header = firstLine(p);
            long commas = header.chars().filter(c -> c == ',').count();
            long semicolons = header.chars().filter(c -> c == ';').count();
            char delimiter = semicolons > commas ? ';' : ',';
            List<String> names = Arrays.stream(header.split(String.valueOf(delimiter), -1))
                    .map(h -> ExportKind.normaliseHeader(h.replace("\"", ""))).toList();
            ExportKind kind = ExportKind.of(names);
            if (kind == null || !names.equals(kind.columns())) {
                throw new IllegalStateException("the same-work bench reads columns by position; " + relative.apply(p)
                        + " has the header " + names);
            }
            files.add(new ExportFile(relative.apply(p), p.toAbsolutePath(), kind, delimiter, ++seq));
        }
        return files;
    }

    private static String firstLine(Path file) {
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(buffer, 0, buffer.length);
            String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).replace("\r", "").replace("\u00EF\u00BB\u00BF", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Runs every step into {@code out} (a folder of Parquet files); the reference folder holds
     * regions.csv and villages.csv.gz.
     */
    Timing run(List<ExportFile> files, Path reference, Path out, int slaDays) {
        Map<String, Double> steps = new LinkedHashMap<>();
        long start = System.nanoTime();
        createDirectories(out);
        String o = literal(out.toAbsolutePath().toString());
        step(steps, "reference", DISTRICTS.replace("{regions}", literal(reference.resolve("regions.csv").toAbsolutePath().toString())),
                VILLAGES.replace("{villages}", literal(reference.resolve("villages.csv.gz").toAbsolutePath().toString())),
                DISTRICT_NAMES);
        step(steps, "ledger (files)", filesStatement(files));
        step(steps, "staging: read, check, pseudonymise", rowsStatement(files));
        step(steps, "visits: latest wins", VISITS_RANKED, VISITS_ACCEPTED, VISITS_OTHER_DISTRICT);
        step(steps, "visits_monthly", VISITS_MONTHLY.replace("{out}", o));
        step(steps, "coverage, activity", COVERAGE_YEARLY.replace("{out}", o), DISTRICT_ACTIVITY.replace("{out}", o));
        step(steps, "people_yearly", PEOPLE_YEARLY.replace("{out}", o));
        step(steps, "referrals: link, latest state", VISIT_INDEX, REFERRALS_LINKED, REFERRAL_STATES, REFERRALS_CURRENT);
        step(steps, "referrals_monthly", REFERRALS_MONTHLY.replace("{out}", o).replace("{sla}", String.valueOf(slaDays)));
        step(steps, "referral_backlog", REFERRAL_BACKLOG.replace("{out}", o));
        step(steps, "quarantine", QUARANTINE.replace("{messages}", messages()), QUARANTINE_OUT.replace("{out}", o));
        return new Timing(steps, (System.nanoTime() - start) / 1e9);
    }

    static String filesStatement(List<ExportFile> files) {
        String values = files.stream().map(f -> "('" + literal(f.path()) + "', '" + literal(f.absolute().toString()) + "', "
                + f.seq() + ", " + folderHint(f.path()) + ")").collect(Collectors.joining(",\n"));
        return FILES.replace("{values}", values);
    }

    private static String folderHint(String path) {
        int slash = path.indexOf('/');
        String first = slash < 0 ? "" : path.substring(0, slash);
        return first.matches("\\d{4}") ? "'" + first + "'" : "CAST(NULL AS VARCHAR)";
    }

    static String rowsStatement(List<ExportFile> files) {
        List<String> parts = new ArrayList<>();
        Map<ExportKind, Map<Character, List<ExportFile>>> groups = new TreeMap<>();
        files.forEach(f -> groups.computeIfAbsent(f.kind(), k -> new TreeMap<>())
                .computeIfAbsent(f.delimiter(), d -> new ArrayList<>()).add(f));
        groups.forEach((kind, byDelimiter) -> byDelimiter.forEach((delimiter, list) -> {
            String read = READ.replace("{columns}", String.join(", ", COLUMNS.get(kind)))
                    .replace("{files}", list.stream().map(f -> "'" + literal(f.absolute().toString()) + "'")
                            .collect(Collectors.joining(", ")))
                    .replace("{delim}", String.valueOf(delimiter))
                    .replace("{types}", COLUMNS.get(kind).stream().map(c -> "'" + c + "': 'VARCHAR'")
                            .collect(Collectors.joining(", ")));
            String checked = kind == ExportKind.VISITS ? VISITS_CHECKED : REFERRALS_CHECKED;
            parts.add(checked.replace("{read}", read).replace("{programmes}", quoted(VisitExport.PROGRAMMES))
                    .replace("{service_points}", quoted(VisitExport.SERVICE_POINTS))
                    .replace("{channels}", quoted(VisitExport.CHANNELS)).replace("{needs}", quoted(VisitExport.NEEDS))
                    .replace("{agencies}", quoted(AGENCIES)));
        }));
        return ROWS.replace("{parts}", String.join("\nUNION ALL BY NAME\n", parts));
    }

    private static String messages() {
        return Arrays.stream(Reason.values()).map(r -> "('" + r.name() + "', '" + literal(r.indonesian()) + "', '"
                + literal(r.english()) + "')").collect(Collectors.joining(", "));
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }

    /** Rows read, accepted (visits kept, referral states linked), quarantined by reason. */
    Counts counts() {
        long read = single("SELECT count(*) FROM rows");
        long visitRows = single("SELECT count(*) FROM rows WHERE kind = 'V'");
        long accepted = single("SELECT (SELECT count(*) FROM visits_accepted) + (SELECT count(*) FROM referral_states)");
        Map<String, Long> byReason = new TreeMap<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT reason, count(*) FROM quarantine_rows GROUP BY reason")) {
            while (r.next()) {
                byReason.put(r.getString(1), r.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the quarantine", e);
        }
        return new Counts(read, visitRows, accepted, byReason.values().stream().mapToLong(Long::longValue).sum(), byReason);
    }

    /** Drops the tables of a run (the next run builds them again). */
    void dropAll() {
        execute("DROP VIEW IF EXISTS visits_accepted; DROP VIEW IF EXISTS visits_other_district;"
                + " DROP VIEW IF EXISTS referrals_current; DROP TABLE IF EXISTS quarantine_rows;"
                + " DROP TABLE IF EXISTS referral_states; DROP TABLE IF EXISTS referrals_linked;"
                + " DROP TABLE IF EXISTS visit_index; DROP TABLE IF EXISTS visits_ranked; DROP TABLE IF EXISTS rows;"
                + " CHECKPOINT");
    }

    private void step(Map<String, Double> steps, String name, String... statements) {
        long t = System.nanoTime();
        for (String sql : statements) {
            execute(sql);
        }
        steps.merge(name, (System.nanoTime() - t) / 1e9, Double::sum);
    }

    private void execute(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            String shown = sql.length() > 4000 ? sql.substring(0, 4000) + "..." : sql;
            throw new IllegalStateException("DuckDB failed: " + e.getMessage() + "\n" + shown, e);
        }
    }

    private long single(String sql) {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    static String literal(String text) {
        return text.replace("'", "''");
    }

    String describe() {
        return String.format(Locale.ROOT, "DuckDB same-work: file database in the work folder, memory_limit %s",
                stringValue("SELECT current_setting('memory_limit')"));
    }

    private String stringValue(String sql) {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the database file is deleted with the work folder
        }
    }
}
