package id.slrt.bench.queries;

import id.slrt.etl.ingest.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static id.slrt.bench.queries.Sql.decimal;
import static id.slrt.bench.queries.Sql.text;

/**
 * The big warehouse's calibration: the published and observed facts its numbers follow (programme, need,
 * service point and agency shares, seasons, outcome rates and days, why rows and files are quarantined),
 * as the first tables of the generation ({@link GeneratedSql}).
 */
final class Calibration {

    private Calibration() {
    }

    /** The reasons as tables: {@code reason_pick}, {@code reason_message}, {@code file_reason}. */
    static List<String> reasonTables() {
        return List.of(reasonPick(), reasonMessages(), fileReasons());
    }

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
    static final List<String> DIMENSIONS = List.of("""
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

    /** Row reasons as [lo, hi) slices of [0, 1), so one uniform draw picks a reason by its weight. */
    static String reasonPick() {
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
    static String reasonMessages() {
        String rows = ROW_REASONS.stream().map(RowReason::reason).distinct()
                .map(r -> "(" + text(r.name()) + ", " + text(r.indonesian()) + ", " + text(r.english()) + ")")
                .collect(Collectors.joining(", "));
        return "CREATE TABLE reason_message AS SELECT * FROM (VALUES " + rows + ") t(reason, message_id, message_en)";
    }

    static String fileReasons() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < FILE_REASONS.size(); i++) {
            FileReason f = FILE_REASONS.get(i);
            rows.add("(" + i + ", " + text(f.reason().name()) + ", " + text(f.kind()) + ", " + text(f.extension()) + ", "
                    + f.size() + ", " + text(f.detail()) + ")");
        }
        return "CREATE TABLE file_reason AS SELECT * FROM (VALUES " + String.join(", ", rows)
                + ") t(ord, reason, kind, extension, size, detail)";
    }
}
