package id.slrt.etl;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.warehouse.Snapshots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole ETL on generated exports, read back the way the dashboard reads it: DuckDB over Parquet. */
class EtlTest {
    @TempDir
    static Path dir;
    static Path inbox;
    static Path warehouse;
    static Etl.Report report;
    static Map<String, Long> generatedCounts;
    static long generatedRows;
    static final int BAD_FILE_ROWS = 7;
    static final List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void runEtlOnOneGeneratedYearPlusBadRows() {
        inbox = dir.resolve("inbox");
        warehouse = dir.resolve("warehouse");
        new SampleGenerator(Regions.load(TestExports.REFERENCE))
                .generate(new SampleGenerator.Options(inbox, 11, 0.01, 2018, 2018, true));
        generatedCounts = TestExports.countVisits(inbox);
        generatedRows = countDataLines(inbox);
        TestExports.writeVisits(inbox.resolve("bad/kunjungan_bad.csv"), List.of(
                ",2018-03-01,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,1970-01-01,T,KESEHATAN,KIS",
                "X1,2018-02-30,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,1970-01-01,T,KESEHATAN,KIS",
                "X2,2015-12-31,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,1970-01-01,T,KESEHATAN,KIS",
                "X3,2018-03-01,9999012001,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,1970-01-01,T,KESEHATAN,KIS",
                "X4,2018-03-01,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,1970-01-01,T,KESEHATAN,BLT_DESA",
                // Accepted: the other two date formats of real exports.
                "X5,04/06/2018,3404012001,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,1970-01-01,T,KESEHATAN,KIS",
                "X6,05-06-2018,3404,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,1970-01-01,T,KESEHATAN,kis"));
        report = new Etl(TestSpark.session(), (stage, done, total, rows) -> progress.add(stage + " " + done + "/" + total + " " + rows))
                .run(new Etl.Config(inbox, warehouse, TestExports.REFERENCE, dir.resolve("state"), 2));
    }

    @Test
    void progressGoesThroughTheStagesAndCountsEveryFileAndRow() {
        List<String> stages = progress.stream().map(p -> p.substring(0, p.indexOf(' '))).distinct().toList();
        assertThat(stages).containsExactly("SCANNING", "STAGING", "BUILDING", "PUBLISHING");
        List<String> staging = progress.stream().filter(p -> p.startsWith("STAGING")).toList();
        // Rows grow task by task, up to every row read, and the last step has every file.
        assertThat(staging.size()).isGreaterThan(2);
        assertThat(staging.getLast()).isEqualTo("STAGING " + report.filesStaged() + "/" + report.filesStaged() + " " + report.rowsRead());
        assertThat(progress).contains("BUILDING 8/8 0");
    }

    @Test
    void aSecondRunOnTheSameStateIsRefusedWithTheReason() {
        try (var held = id.slrt.etl.runs.RunLock.acquire(dir.resolve("state"))) {
            assertThatThrownBy(() -> new Etl(TestSpark.session()).run(new Etl.Config(inbox, warehouse,
                    TestExports.REFERENCE, dir.resolve("state"), 2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another ETL run is in progress").hasMessageContaining("etl.lock");
        }
    }

    @Test
    void everyRowEndsInTheAggregateOrInQuarantine() {
        assertThat(report.rowsRead()).isEqualTo(generatedRows + BAD_FILE_ROWS);
        assertThat(report.rowsAccepted() + report.rowsQuarantined()).isEqualTo(report.rowsRead());
        assertThat(report.quarantinedByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MISSING_VISIT_ID", 1L, "BAD_DATE", 1L, "DATE_OUT_OF_RANGE", 1L, "UNKNOWN_REGION", 1L,
                "UNKNOWN_PROGRAMME", 1L));
    }

    @Test
    void visitsMonthlyEqualsCountsTakenStraightFromTheCsv() throws SQLException {
        Map<String, Long> expected = new TreeMap<>(generatedCounts);
        // The test file's good rows, counted by hand: two KIS visits of Sleman in June 2018.
        expected.merge("3404|2018|6|KIS", 2L, Long::sum);

        Map<String, Long> actual = new TreeMap<>();
        query("SELECT district_code, year, month, programme, sum(visits) FROM " + table("visits_monthly")
                + " GROUP BY ALL", rs -> {
            actual.put(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3) + "|" + rs.getString(4), rs.getLong(5));
        });
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void peopleAndDataQualityCountsEqualCountsTakenStraightFromTheCsv() throws SQLException {
        Map<String, String> expected = TestExports.visitMeasures(inbox.resolve("3404"));
        Map<String, String> actual = new TreeMap<>();
        query("SELECT year, month, programme, service_point, need, visits, people, visits_without_nik,"
                + " visits_not_in_dtks FROM " + table("visits_monthly") + " WHERE district_code = '3404'", rs -> {
            String key = rs.getInt(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5);
            actual.put(key, rs.getLong(6) + " " + rs.getLong(7) + " " + rs.getLong(8) + " " + rs.getLong(9));
        });
        // The two good rows of the hand-written file: no NIK, not in DTKS.
        expected.merge("2018|6|KIS|SEKRETARIAT|KESEHATAN", "2 0 2 2", TestExports::addMeasures);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void coverageAndDistrictActivityEqualWhatTheCsvShows() throws SQLException {
        // Expected, from the generated files only (the hand-written file adds June visits to Sleman).
        java.util.Set<String> districts = new java.util.TreeSet<>();
        Map<String, java.util.Set<Integer>> months = new TreeMap<>();
        generatedCounts.keySet().forEach(k -> {
            String[] f = k.split("\\|");
            districts.add(f[0]);
            months.computeIfAbsent(f[0], d -> new java.util.TreeSet<>()).add(Integer.parseInt(f[2]));
        });
        Map<String, String> coverage = new TreeMap<>();
        query("SELECT year, districts, provinces FROM " + table("coverage_yearly"),
                rs -> coverage.put(rs.getString(1), rs.getLong(2) + " " + rs.getLong(3)));
        assertThat(coverage).containsExactly(Map.entry("2018", districts.size() + " "
                + districts.stream().map(d -> d.substring(0, 2)).distinct().count()));

        Map<String, String> activity = new TreeMap<>();
        query("SELECT district_code, first_active_month, last_active_month, months_active FROM "
                + table("district_activity"), rs -> activity.put(rs.getString(1),
                rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4)));
        Map<String, String> expected = new TreeMap<>();
        months.forEach((d, ms) -> expected.put(d, "2018-%02d 2018-%02d %d".formatted(ms.iterator().next(),
                ((java.util.TreeSet<Integer>) ms).last(), ms.size())));
        assertThat(activity).isEqualTo(expected);
    }

    @Test
    void referralsInTheirLatestStateEqualTheCsv() throws SQLException {
        Map<String, String> expected = TestExports.referralOutcomes(inbox, Etl.Config.DEFAULT_SLA_DAYS);
        Map<String, String> actual = new TreeMap<>();
        query("SELECT district_code, year, month, programme, agency, referred, completed, declined, open,"
                + " completed_within_sla, days_to_complete_p50, days_to_complete_p90 FROM " + table("referrals_monthly"),
                rs -> actual.put(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3) + "|" + rs.getString(4)
                        + "|" + rs.getString(5), rs.getLong(6) + " " + rs.getLong(7) + " " + rs.getLong(8) + " "
                        + rs.getLong(9) + " " + rs.getLong(10) + " " + oneDecimal(rs, 11) + " " + oneDecimal(rs, 12)));
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void theOpenBacklogAtEachMonthEndEqualsTheCsv() throws SQLException {
        Map<String, Long> expected = TestExports.referralBacklog(inbox);
        Map<String, Long> actual = new TreeMap<>();
        query("SELECT district_code, year, month, age_band, open FROM " + table("referral_backlog"),
                rs -> actual.put(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3) + "|" + rs.getString(4),
                        rs.getLong(5)));
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void qualityMonthlyEqualsTheCsvAndPlacesTheQuarantinedRowsItCan() throws SQLException {
        Map<String, long[]> expected = new TreeMap<>();
        TestExports.visitMeasures(inbox.resolve("3404")).forEach((key, measures) -> {
            String[] k = key.split("\\|");
            String[] m = measures.split(" ");
            long[] e = expected.computeIfAbsent(k[0] + "|" + k[1], x -> new long[4]);
            e[0] += Long.parseLong(m[0]);
            e[1] += Long.parseLong(m[2]);
            e[2] += Long.parseLong(m[3]);
        });
        long[] june = expected.get("2018|6"); // the two good hand-written rows: no NIK, not in DTKS
        june[0] += 2;
        june[1] += 2;
        june[2] += 2;
        // The bad rows: X3 (unknown region) and X4 (unknown programme) have a March date; the rows without an
        // id, with a bad date or one out of range take the month most of their file's good rows have (June).
        // All are placed in Sleman, the district of the file's good rows.
        expected.get("2018|3")[3] = 2;
        expected.get("2018|6")[3] = 3;
        Map<String, String> actual = new TreeMap<>();
        query("SELECT year, month, visits, visits_without_nik, visits_not_in_dtks, quarantined_rows, share_without_nik,"
                + " share_not_in_dtks FROM " + table("quality_monthly") + " WHERE district_code = '3404'", rs -> {
            actual.put(rs.getInt(1) + "|" + rs.getInt(2), rs.getLong(3) + " " + rs.getLong(4) + " " + rs.getLong(5) + " "
                    + rs.getLong(6));
            assertThat(rs.getDouble(7)).isCloseTo((double) rs.getLong(4) / rs.getLong(3), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(rs.getDouble(8)).isCloseTo((double) rs.getLong(5) / rs.getLong(3), org.assertj.core.data.Offset.offset(1e-9));
        });
        Map<String, String> expectedText = new TreeMap<>();
        expected.forEach((k, e) -> expectedText.put(k, e[0] + " " + e[1] + " " + e[2] + " " + e[3]));
        assertThat(actual).isEqualTo(expectedText);
    }

    @Test
    void peopleYearlyEqualsDistinctNiksAndReturnsCountedFromTheCsv() throws SQLException {
        Map<String, String> actual = new TreeMap<>();
        query("SELECT district_code, year, people, people_returning FROM " + table("people_yearly"),
                rs -> actual.put(rs.getString(1) + "|" + rs.getInt(2), rs.getLong(3) + " " + rs.getLong(4)));
        Map<String, String> expected = TestExports.peopleYearly(inbox);
        assertThat(actual).isEqualTo(expected);
        assertThat(expected.get("3404|2018")).doesNotEndWith(" 0"); // some come back
    }

    @Test
    void povertyIsTheBpsReferenceForEveryDistrict() throws Exception {
        Map<String, String> actual = new TreeMap<>();
        query("SELECT district_code, province_code, year, poor_population, poverty_rate_pct FROM " + table("poverty"),
                rs -> actual.put(rs.getString(1), rs.getString(2) + " " + rs.getInt(3) + " " + rs.getLong(4) + " "
                        + rs.getDouble(5)));
        assertThat(actual).hasSize(514);
        // Sleman in data/reference/poverty.csv (Susenas March 2025).
        String sleman = java.nio.file.Files.readAllLines(TestExports.REFERENCE.resolve("poverty.csv")).stream()
                .filter(l -> l.startsWith("3404,")).findFirst().orElseThrow();
        String[] f = sleman.split(",");
        assertThat(actual.get("3404")).isEqualTo(f[3] + " " + f[5] + " " + f[8] + " " + Double.parseDouble(f[9]));
    }

    @Test
    void quarantineMonthlyCountsThePlacedBadRowsByReason() throws SQLException {
        Map<String, Long> actual = new TreeMap<>();
        query("SELECT province_code, district_code, year, month, record_kind, reason, rows FROM "
                + table("quarantine_monthly"), rs -> actual.put(String.join("|", rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), rs.getLong(7)));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(Map.of(
                "34|3404|2018|3|VISIT|UNKNOWN_REGION", 1L, "34|3404|2018|3|VISIT|UNKNOWN_PROGRAMME", 1L,
                "34|3404|2018|6|VISIT|MISSING_VISIT_ID", 1L, "34|3404|2018|6|VISIT|BAD_DATE", 1L,
                "34|3404|2018|6|VISIT|DATE_OUT_OF_RANGE", 1L));
    }

    @Test
    void slemanTwentyEighteenHasThePublishedTotalAndPeak() throws SQLException {
        long[] months = new long[13];
        query("SELECT month, sum(visits) FROM " + table("visits_monthly")
                + " WHERE district_code = '3404' AND year = 2018 GROUP BY month", rs -> months[rs.getInt(1)] = rs.getLong(2));
        // Two extra June visits come from the hand-written test file.
        assertThat(java.util.Arrays.stream(months).sum()).isEqualTo(13_750 + 2);
        assertThat(months[6]).isEqualTo(3_416 + 2);
        for (int m = 1; m <= 12; m++) {
            assertThat(months[m]).isLessThanOrEqualTo(months[6]);
        }
    }

    @Test
    void columnsAndTypesAreTheWarehouseContract() throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        query("DESCRIBE SELECT * FROM " + table("visits_monthly"), rs -> columns.put(rs.getString(1), rs.getString(2)));
        assertThat(columns).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("province_code", "VARCHAR"), Map.entry("district_code", "VARCHAR"),
                Map.entry("year", "INTEGER"), Map.entry("month", "INTEGER"), Map.entry("programme", "VARCHAR"),
                Map.entry("service_point", "VARCHAR"), Map.entry("need", "VARCHAR"), Map.entry("visits", "BIGINT"),
                Map.entry("people", "BIGINT"), Map.entry("visits_without_nik", "BIGINT"),
                Map.entry("visits_not_in_dtks", "BIGINT")));

        long[] provinces = new long[1];
        query("SELECT count(*) FROM " + table("regions") + " WHERE level = 'PROVINSI'", rs -> provinces[0] = rs.getLong(1));
        assertThat(provinces[0]).isEqualTo(38);
    }

    @Test
    void currentNamesThePublishedSnapshotAndNoStagingIsLeft() throws Exception {
        assertThat(Files.readString(warehouse.resolve(Snapshots.CURRENT)).trim()).isEqualTo(report.snapshot());
        try (var children = Files.list(warehouse)) {
            assertThat(children.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(Snapshots.CURRENT, report.snapshot());
        }
        try (var tables = Files.list(warehouse.resolve(report.snapshot()))) {
            assertThat(tables.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("visits_monthly",
                    "referrals_monthly", "quarantine", "files", "regions", "runs", "snapshot", "coverage_yearly",
                    "district_activity", "referral_backlog", "quality_monthly", "quarantine_monthly", "people_yearly", "poverty");
        }
    }

    @Test
    void anEmptyInboxIsAClearError() {
        Path empty = dir.resolve("empty-inbox");
        assertThatThrownBy(() -> {
            Files.createDirectories(empty);
            new Etl(TestSpark.session()).run(new Etl.Config(empty, dir.resolve("w2"), TestExports.REFERENCE,
                    dir.resolve("state2"), 2));
        }).hasMessageContaining("no export files").hasMessageContaining("empty-inbox");
    }

    @Test
    void theCommandLinePrintsTheBalanceAndFailsOnBadArguments() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int status = EtlMain.run(new String[]{"etl", "--inbox", inbox.toString()}, new java.io.PrintStream(out),
                new java.io.PrintStream(err));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--warehouse is required");

        out.reset();
        EtlMain.print(report, new Etl.Config(inbox, warehouse, TestExports.REFERENCE, dir.resolve("state"), 2),
                new java.io.PrintStream(out));
        assertThat(out.toString()).contains("rows      read " + String.format(java.util.Locale.ROOT, "%,d", report.rowsRead()))
                .contains("CURRENT -> " + report.snapshot());
    }

    private static String oneDecimal(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? "null" : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static long countDataLines(Path inbox) {
        try (var files = Files.walk(inbox)) {
            long n = 0;
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                n += Files.readAllLines(f).size() - 1;
            }
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String table(String name) {
        return "read_parquet('" + warehouse.resolve(report.snapshot()).resolve(name) + "/*.parquet')";
    }

    interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, RowHandler handler) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                handler.handle(rs);
            }
        }
    }
}
