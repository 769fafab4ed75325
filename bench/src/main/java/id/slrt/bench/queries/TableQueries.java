package id.slrt.bench.queries;

import id.slrt.warehouse.Tables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query of each table of the big warehouse's snapshot, over the temporary tables {@link GeneratedSql}
 * builds: one per table of the contract ({@link Tables#ALL}), in its order.
 */
final class TableQueries {
    /** Table name to the query of its rows, in the order of {@link Tables#ALL}. */
    static final Map<String, String> BY_TABLE = outputs();

    static {
        if (!List.copyOf(BY_TABLE.keySet()).equals(Tables.ALL)) {
            throw new IllegalStateException("the big warehouse's tables " + BY_TABLE.keySet()
                    + " are not the contract's " + Tables.ALL);
        }
    }

    private TableQueries() {
    }

    /** What each table's Parquet holds: exactly the documented columns, in the documented order and types. */
    private static Map<String, String> outputs() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(Tables.VISITS_MONTHLY, """
                SELECT * FROM vm ORDER BY district_code, year, month, programme, service_point, need""");
        out.put(Tables.COVERAGE_YEARLY, """
                SELECT year, count(DISTINCT district_code) AS districts, count(DISTINCT province_code) AS provinces
                FROM vm WHERE visits > 0 GROUP BY year ORDER BY year""");
        out.put(Tables.DISTRICT_ACTIVITY, """
                SELECT province_code, district_code, min(printf('%04d-%02d', year, month)) AS first_active_month,
                       max(printf('%04d-%02d', year, month)) AS last_active_month,
                       count(DISTINCT year * 12 + month) AS months_active
                FROM vm WHERE visits > 0 GROUP BY ALL ORDER BY district_code""");
        out.put(Tables.PEOPLE_YEARLY, """
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
        out.put(Tables.REFERRALS_MONTHLY, """
                SELECT * FROM ref ORDER BY district_code, year, month, programme, agency""");
        out.put(Tables.REFERRAL_BACKLOG, """
                SELECT * FROM backlog ORDER BY district_code, year, month, age_band""");
        out.put(Tables.QUARANTINE, """
                SELECT q.source_file, 2 + CAST(floor(unit(hash(q.source_file, q.year, q.month, q.i, q.reason)) * f.records) AS BIGINT)
                           AS line,
                       q.record_kind, q.district_code, q.year, q.month, q.field, q.reason, m.message_id, m.message_en
                FROM q_row q JOIN files_t f ON f.path = q.source_file JOIN reason_message m ON m.reason = q.reason
                ORDER BY q.source_file, line""");
        out.put(Tables.QUALITY_MONTHLY, """
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
        out.put(Tables.QUARANTINE_MONTHLY, """
                SELECT substr(district_code, 1, 2) AS province_code, district_code, year, month, record_kind, reason,
                       count(*) AS "rows"
                FROM q_row WHERE district_code IS NOT NULL AND year IS NOT NULL
                GROUP BY ALL ORDER BY district_code, year, month, record_kind, reason""");
        out.put(Tables.FILES, """
                SELECT path, size, modified, sha256, seq, folder_hint, batch, kind, encoding, delimiter, status, reason,
                       detail, records, rows_read, rows_accepted, rows_quarantined
                FROM files_t ORDER BY seq""");
        out.put(Tables.RUNS, """
                SELECT * FROM runs_t ORDER BY run_id""");
        out.put(Tables.SNAPSHOT, """
                SELECT CAST({schema_version} AS INTEGER) AS schema_version, snapshot, run_id, finished_at AS built_at,
                       files, rows_accepted, true AS sample
                FROM runs_t WHERE snapshot = '{snapshot}' AND status = 'SUCCEEDED'""");
        out.put(Tables.REGIONS, """
                SELECT * FROM regions_ref ORDER BY code""");
        out.put(Tables.POVERTY, """
                SELECT * FROM poverty_ref ORDER BY district_code""");
        return out;
    }
}
