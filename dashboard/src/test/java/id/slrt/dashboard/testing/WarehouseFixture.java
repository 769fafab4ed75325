package id.slrt.dashboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    private WarehouseFixture() {
    }

    /** Writes the standard snapshot into {@code warehouse} and points CURRENT at it. */
    public static Path build(Path warehouse) {
        publish(warehouse, SNAPSHOT, ALL);
        return warehouse;
    }

    /** Writes a snapshot with these series and the regions reference, then points CURRENT at it. */
    public static Path publish(Path warehouse, String snapshotName, List<Series> series) {
        Path snapshot = warehouse.resolve(snapshotName);
        Path visits = snapshot.resolve("visits_monthly");
        Path regions = snapshot.resolve("regions");
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
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not write the fixture", e);
        }
        pointCurrentAt(warehouse, snapshotName);
        return snapshot;
    }

    public static void pointCurrentAt(Path warehouse, String snapshotName) {
        try {
            // Written like the ETL does: whole file replaced, trailing newline.
            Path tmp = warehouse.resolve("CURRENT.tmp");
            Files.writeString(tmp, snapshotName + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, warehouse.resolve("CURRENT"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return """
                SELECT province_code, district_code, year::INTEGER AS year, month::INTEGER AS month,
                       programme, visits::BIGINT AS visits
                FROM (VALUES %s) AS v(province_code, district_code, year, month, programme, visits)
                """.formatted(String.join(",\n", rows));
    }
}
