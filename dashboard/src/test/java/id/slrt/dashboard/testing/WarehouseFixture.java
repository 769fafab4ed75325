package id.slrt.dashboard.testing;

import id.slrt.warehouse.Snapshots;
import id.slrt.warehouse.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * A small warehouse laid out as the ETL publishes it ({@code CURRENT}, and a snapshot folder with
 * {@code visits_monthly} and {@code regions}), written as Parquet by DuckDB itself. Every test builds on it and takes
 * its expectations from the arrays below, not from numbers typed into assertions.
 *
 * <p>Kab. Sleman 2018 follows the public report: 13,750 visits, the most in June (3,416).
 */
public final class WarehouseFixture {

    public static final String SLEMAN = "3404";
    public static final String BANTUL = "3402";
    public static final String YOGYAKARTA = "3471";
    /** In the regions reference, but with no visits: must not be offered in the district picker. */
    public static final String KULON_PROGO = "3401";

    public static final String SNAPSHOT = "snapshot-20190115T020000000Z";

    /** District, year, and twelve monthly totals (January first) across all programmes. */
    public record Series(String district, int year, long[] months) {

        public long total() {
            return LongStream.of(months).sum();
        }

        public Month peakMonth() {
            int best = 0;
            for (int i = 1; i < 12; i++) {
                if (months[i] > months[best]) {
                    best = i;
                }
            }
            return Month.of(best + 1);
        }

        public long peakVisits() {
            return months[peakMonth().getValue() - 1];
        }

        public List<Long> asList() {
            return Arrays.stream(months).boxed().toList();
        }
    }

    public static final Series SLEMAN_2018 = new Series(SLEMAN, 2018,
            new long[] {620, 680, 750, 820, 900, 3416, 1200, 1050, 1000, 1100, 1150, 1064});
    public static final Series SLEMAN_2017 = new Series(SLEMAN, 2017,
            new long[] {310, 290, 330, 350, 380, 400, 420, 410, 390, 440, 460, 520});
    public static final Series BANTUL_2019 = new Series(BANTUL, 2019,
            new long[] {900, 950, 2100, 1200, 1100, 1000, 980, 1020, 990, 1010, 1005, 995});
    public static final Series YOGYAKARTA_2018 = new Series(YOGYAKARTA, 2018,
            new long[] {40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95});

    public static final List<Series> ALL = List.of(SLEMAN_2017, SLEMAN_2018, BANTUL_2019, YOGYAKARTA_2018);

    /**
     * How a month's visits split over programmes (percent; the last takes the rest), so the service
     * has to sum several rows per district and month as it must with the ETL's output.
     */
    private static final Map<String, Integer> PROGRAMME_SHARES = programmeShares();

    private static Map<String, Integer> programmeShares() {
        Map<String, Integer> shares = new LinkedHashMap<>();
        shares.put("KIS", 45);
        shares.put("SKTM", 30);
        shares.put("INFORMASI", -1);
        return shares;
    }

    private static final String REGIONS_SQL = """
            SELECT * FROM (VALUES
              ('34',   'PROVINSI',       'PROVINSI',  'DI Yogyakarta', 'Daerah Istimewa Yogyakarta', '34', 'DI Yogyakarta'),
              ('3401', 'KABUPATEN_KOTA', 'KABUPATEN', 'Kulon Progo',   'Kabupaten Kulon Progo',      '34', 'DI Yogyakarta'),
              ('3402', 'KABUPATEN_KOTA', 'KABUPATEN', 'Bantul',        'Kabupaten Bantul',           '34', 'DI Yogyakarta'),
              ('3404', 'KABUPATEN_KOTA', 'KABUPATEN', 'Sleman',        'Kabupaten Sleman',           '34', 'DI Yogyakarta'),
              ('3471', 'KABUPATEN_KOTA', 'KOTA',      'Yogyakarta',    'Kota Yogyakarta',            '34', 'DI Yogyakarta')
            ) AS r(code, level, type, name, name_full, province_code, province_name)
            """;

    /**
     * The other tables of the contract (docs/warehouse.md), derived from the visits (temp table v) by
     * fixed rules, so tests can check screens against simple queries of the same Parquet: referrals are
     * 80% of the non-information visits, 60% of them completed, 10% declined.
     */
    static final Map<String, String> DERIVED = derived();

    private static Map<String, String> derived() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(Tables.REFERRALS_MONTHLY, """
                WITH r AS (SELECT province_code, district_code, year, month, programme,
                                  CASE programme WHEN 'KIS' THEN 'BPJS' ELSE 'PEMDES' END AS agency,
                                  visits * 8 // 10 AS referred
                           FROM v WHERE programme <> 'INFORMASI')
                SELECT province_code, district_code, year, month, programme, agency, referred::BIGINT AS referred,
                       (referred * 6 // 10)::BIGINT AS completed, (referred // 10)::BIGINT AS declined,
                       (referred - referred * 6 // 10 - referred // 10)::BIGINT AS open,
                       (referred * 6 // 10 // 2)::BIGINT AS completed_within_sla,
                       CASE programme WHEN 'KIS' THEN 12.0 ELSE 3.0 END::DOUBLE AS days_to_complete_p50,
                       CASE programme WHEN 'KIS' THEN 30.0 ELSE 7.0 END::DOUBLE AS days_to_complete_p90
                FROM r""");
        t.put(Tables.REFERRAL_BACKLOG, """
                SELECT province_code, district_code, year, month, band AS age_band, (open // d)::BIGINT AS open
                FROM (SELECT province_code, district_code, year, month, sum(visits) // 10 AS open FROM v GROUP BY ALL)
                CROSS JOIN (VALUES ('0-30', 1), ('31-90', 2), ('>90', 4)) AS b(band, d)""");
        t.put(Tables.COVERAGE_YEARLY, """
                SELECT year, count(DISTINCT district_code)::BIGINT AS districts,
                       count(DISTINCT province_code)::BIGINT AS provinces FROM v GROUP BY year""");
        t.put(Tables.DISTRICT_ACTIVITY, """
                SELECT province_code, district_code, strftime(make_date(min(year * 100 + month) // 100,
                       min(year * 100 + month) % 100, 1), '%Y-%m') AS first_active_month,
                       strftime(make_date(max(year * 100 + month) // 100, max(year * 100 + month) % 100, 1), '%Y-%m')
                           AS last_active_month,
                       count(DISTINCT year * 100 + month)::BIGINT AS months_active
                FROM v GROUP BY province_code, district_code""");
        t.put(Tables.PEOPLE_YEARLY, """
                SELECT province_code, district_code, year, (sum(visits) * 6 // 10)::BIGINT AS people,
                       (sum(visits) * 6 // 100)::BIGINT AS people_returning
                FROM v GROUP BY province_code, district_code, year""");
        t.put(Tables.QUALITY_MONTHLY, """
                SELECT province_code, district_code, year, month, sum(visits)::BIGINT AS visits,
                       sum(visits_without_nik)::BIGINT AS visits_without_nik,
                       sum(visits_not_in_dtks)::BIGINT AS visits_not_in_dtks,
                       sum(visits_without_nik) / sum(visits) AS share_without_nik,
                       sum(visits_not_in_dtks) / sum(visits) AS share_not_in_dtks, 3::BIGINT AS quarantined_rows
                FROM v GROUP BY province_code, district_code, year, month""");
        t.put(Tables.QUARANTINE_MONTHLY, """
                SELECT DISTINCT province_code, district_code, year, month, 'VISIT' AS record_kind, reason,
                       n::BIGINT AS rows
                FROM v CROSS JOIN (VALUES ('DUPLICATE', 2), ('BAD_DATE', 1)) AS q(reason, n)""");
        t.put(Tables.POVERTY, """
                SELECT code::VARCHAR AS district_code, province_code::VARCHAR AS province_code, year::INTEGER AS year,
                       reference_period, poor_population::BIGINT AS poor_population,
                       poverty_rate_pct::DOUBLE AS poverty_rate_pct
                FROM read_csv('../data/reference/poverty.csv', header = true, all_varchar = true)""");
        // Unread by the screens, but part of the contract: a snapshot without them is not served.
        t.put(Tables.QUARANTINE, """
                SELECT DISTINCT district_code || '/kunjungan.csv' AS source_file, 2::BIGINT AS line, 'VISIT' AS record_kind,
                       district_code, year, month, 'tanggal_kunjungan' AS field, 'BAD_DATE' AS reason,
                       'Tanggal tidak dapat dibaca' AS message_id, 'The date cannot be read' AS message_en
                FROM v""");
        t.put(Tables.FILES, """
                SELECT DISTINCT district_code || '/kunjungan.csv' AS path, 1000::BIGINT AS size, 0::BIGINT AS modified,
                       md5(district_code) AS sha256, 1::BIGINT AS seq, district_code AS folder_hint, 'b1' AS batch,
                       'VISITS' AS kind, 'UTF-8' AS encoding, ',' AS delimiter, 'USED' AS status, NULL::VARCHAR AS reason,
                       NULL::VARCHAR AS detail, 1::BIGINT AS records, 1::BIGINT AS rows_read, 1::BIGINT AS rows_accepted,
                       0::BIGINT AS rows_quarantined
                FROM v""");
        t.put(Tables.RUNS, """
                SELECT * FROM (VALUES
                  ('20190114T190000000Z', TIMESTAMPTZ '2019-01-14 19:00:00+00', TIMESTAMPTZ '2019-01-14 19:00:42+00',
                   'FAILED', 120::BIGINT, 0::BIGINT, 0::BIGINT, 0::BIGINT, NULL, 'Row counts do not balance'),
                  ('20190115T020000000Z', TIMESTAMPTZ '2019-01-15 02:00:00+00', TIMESTAMPTZ '2019-01-15 02:00:35+00',
                   'SUCCEEDED', 122::BIGINT, 32416::BIGINT, 32400::BIGINT, 16::BIGINT,
                   'snapshot-20190115T020000000Z', NULL)
                ) AS r(run_id, started_at, finished_at, status, files, rows_read, rows_accepted, rows_quarantined,
                       snapshot, message)""");
        t.put(Tables.SNAPSHOT, """
                SELECT {schema_version} AS schema_version, 'snapshot-20190115T020000000Z' AS snapshot,
                       '20190115T020000000Z' AS run_id, TIMESTAMPTZ '2019-01-15 02:00:35+00' AS built_at,
                       122::BIGINT AS files, 32400::BIGINT AS rows_accepted, {sample} AS sample"""
                .replace("{schema_version}", String.valueOf(Tables.SCHEMA_VERSION)));
        return t;
    }

    private WarehouseFixture() {
    }

    /** Writes the standard snapshot into {@code warehouse} and points CURRENT at it. */
    public static Path build(Path warehouse) {
        publish(warehouse, SNAPSHOT, ALL);
        return warehouse;
    }

    /**
     * Writes a snapshot with these series and the regions reference, then points CURRENT at it. Its
     * {@code snapshot} table says it holds the sample data (the demo profile serves only that).
     */
    public static Path publish(Path warehouse, String snapshotName, List<Series> series) {
        return publish(warehouse, snapshotName, series, true);
    }

    /** As {@link #publish(Path, String, List)}, with the {@code snapshot} table's {@code sample} flag given. */
    public static Path publish(Path warehouse, String snapshotName, List<Series> series, boolean sample) {
        Path snapshot = warehouse.resolve(snapshotName);
        Path visits = snapshot.resolve(Tables.VISITS_MONTHLY);
        Path regions = snapshot.resolve(Tables.REGIONS);
        try {
            Files.createDirectories(visits);
            Files.createDirectories(regions);
            // What Spark leaves beside its Parquet: the reader must skip these.
            Files.writeString(visits.resolve("_SUCCESS"), "");
            Files.writeString(visits.resolve(".part-0.parquet.crc"), "not parquet");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = duckdb.createStatement()) {
            sql.execute("COPY (" + visitsSelect(series) + ") TO '" + visits.resolve("part-0.parquet")
                    + "' (FORMAT parquet)");
            sql.execute("COPY (" + REGIONS_SQL + ") TO '" + regions.resolve("part-0.parquet")
                    + "' (FORMAT parquet)");
            sql.execute("CREATE TEMP TABLE v AS SELECT * FROM read_parquet('" + visits.resolve("part-0.parquet") + "')");
            for (Map.Entry<String, String> table : DERIVED.entrySet()) {
                Path dir = snapshot.resolve(table.getKey());
                Files.createDirectories(dir);
                sql.execute("COPY (" + table.getValue().replace("{sample}", String.valueOf(sample)) + ") TO '"
                        + dir.resolve("part-0.parquet") + "' (FORMAT parquet)");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("DuckDB could not write the fixture", e);
        }
        pointCurrentAt(warehouse, snapshotName);
        return snapshot;
    }

    /** Points CURRENT at a snapshot folder with the contract's atomic switch, as the ETL does. */
    public static void pointCurrentAt(Path warehouse, String snapshotName) {
        new Snapshots(warehouse).switchCurrent(snapshotName);
    }

    private static String visitsSelect(List<Series> series) {
        List<String> rows = new ArrayList<>();
        for (Series s : series) {
            for (int m = 1; m <= 12; m++) {
                long month = s.months()[m - 1];
                long rest = month;
                for (Map.Entry<String, Integer> share : PROGRAMME_SHARES.entrySet()) {
                    long part = share.getValue() < 0 ? rest : month * share.getValue() / 100;
                    rest -= part;
                    rows.add("('%s', '%s', %d, %d, '%s', %d)".formatted(
                            s.district().substring(0, 2), s.district(), s.year(), m, share.getKey(), part));
                }
            }
        }
        // One service point and one need per programme, so each split equals a programme's share.
        return """
                SELECT province_code, district_code, year::INTEGER AS year, month::INTEGER AS month, programme,
                       CASE programme WHEN 'KIS' THEN 'SEKRETARIAT' WHEN 'SKTM' THEN 'PUSKESOS' ELSE 'PENJANGKAUAN' END
                           AS service_point,
                       CASE programme WHEN 'KIS' THEN 'KESEHATAN' WHEN 'SKTM' THEN 'PENDIDIKAN' ELSE 'LAINNYA' END AS need,
                       visits::BIGINT AS visits, (visits * 8 // 10)::BIGINT AS people,
                       (visits // 20)::BIGINT AS visits_without_nik, (visits * 3 // 10)::BIGINT AS visits_not_in_dtks
                FROM (VALUES %s) AS v(province_code, district_code, year, month, programme, visits)
                """.formatted(String.join(",\n", rows));
    }
}
