package id.slrt.etl;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The published facts of docs/domain.md, read back through the warehouse (DuckDB over the published
 * Parquet, as the dashboard reads it) after the ETL ran on what {@code ./slrt generate} writes by default:
 * default seed and scale, 2016-2019, referrals, messy exports with bad rows on top.
 */
class PublishedFactsTest {
    @TempDir
    static Path dir;
    static TestWarehouse warehouse;
    static Etl.Report report;
    static SampleGenerator.Summary generated;

    @BeforeAll
    static void runTheEtlOnTheDefaultSample() {
        Path inbox = dir.resolve("inbox");
        generated = new SampleGenerator(Regions.load(TestExports.REFERENCE)).generate(new SampleGenerator.Options(inbox,
                SampleGenerator.Options.DEFAULT_SEED, SampleGenerator.Options.DEFAULT_SCALE, 2016, 2019, true, true));
        report = new Etl(TestSpark.session()).run(
                new Etl.Config(inbox, dir.resolve("warehouse"), TestExports.REFERENCE, dir.resolve("state"), 2));
        warehouse = new TestWarehouse(dir.resolve("warehouse").resolve(report.snapshot()));
    }

    @Test
    void slemanTwentyEighteenHas13750VisitsWithJuneThePeakAndKisSktmInformationMostAsked() {
        Map<String, String> byMonth = warehouse.map("SELECT month, sum(visits) FROM " + warehouse.table("visits_monthly")
                + " WHERE district_code = '3404' AND year = 2018 GROUP BY month");
        assertThat(byMonth.values().stream().mapToLong(Long::parseLong).sum()).isEqualTo(13_750);
        assertThat(byMonth.get("6")).isEqualTo("3416");
        assertThat(byMonth).hasSize(12).allSatisfy((month, visits) -> {
            if (!month.equals("6")) {
                assertThat(Long.parseLong(visits)).isLessThan(3_416);
            }
        });
        List<List<String>> top = warehouse.rows("SELECT programme FROM " + warehouse.table("visits_monthly")
                + " WHERE district_code = '3404' AND year = 2018 GROUP BY programme ORDER BY sum(visits) DESC LIMIT 3");
        assertThat(top.stream().map(r -> r.get(0))).containsExactlyInAnyOrder("KIS", "SKTM", "INFORMASI");
    }

    @Test
    void districtsAndProvincesRunningSlrtFollowTheRollOut() {
        Map<String, String> coverage = warehouse.map("SELECT year, districts || ' in ' || provinces FROM "
                + warehouse.table("coverage_yearly"));
        // 50 (2016), 78 in 22 provinces (2017), 138 in 32 (2018), the target 150 in 34 (2019).
        assertThat(coverage.get("2016")).startsWith("50 in ");
        assertThat(coverage).containsEntry("2017", "78 in 22").containsEntry("2018", "138 in 32")
                .containsEntry("2019", "150 in 34");
        assertThat(warehouse.map("SELECT district_code, first_active_month FROM " + warehouse.table("district_activity")
                + " WHERE district_code IN ('3404', '3402')")).containsValues("2016-01", "2016-01");
        // 60 districts started in 2018, as reported.
        assertThat(warehouse.count("SELECT count(*) FROM " + warehouse.table("district_activity")
                + " WHERE first_active_month LIKE '2018-%'")).isEqualTo(60);
    }

    @Test
    void bantulTwentyNineteenHasALargeShareOfVisitsWithoutNik() {
        double bantul = share("visits_without_nik", "district_code = '3402' AND year = 2019");
        double elsewhere = share("visits_without_nik", "district_code <> '3402' AND year = 2019");
        assertThat(bantul).isGreaterThan(0.30);
        assertThat(bantul).isGreaterThan(5 * elsewhere);
        // Its incomplete intake forms also kept many visitors out of DTKS.
        assertThat(share("visits_not_in_dtks", "district_code = '3402' AND year = 2019"))
                .isGreaterThan(share("visits_not_in_dtks", "district_code <> '3402' AND year = 2019") + 0.1);
    }

    @Test
    void visitsPeakInJuneAndJulyAndDipInDecember() {
        // Districts running all of 2017 and 2018, so roll-out months do not blur the season.
        String steady = " WHERE year = 2018 AND district_code IN (SELECT district_code FROM "
                + warehouse.table("district_activity") + " WHERE first_active_month <= '2017-01')";
        Map<String, String> byMonth = warehouse.map("SELECT month, sum(visits) FROM " + warehouse.table("visits_monthly")
                + steady + " GROUP BY month");
        double mean = byMonth.values().stream().mapToLong(Long::parseLong).average().orElseThrow();
        assertThat(Long.parseLong(byMonth.get("6"))).isGreaterThan((long) (1.15 * mean));
        assertThat(Long.parseLong(byMonth.get("7"))).isGreaterThan((long) (1.10 * mean));
        assertThat(Long.parseLong(byMonth.get("12"))).isLessThan((long) (0.85 * mean));
        // School admissions: SKTM's share of visits is higher in June than in March.
        assertThat(share("SKTM", "year = 2018 AND month = 6")).isGreaterThan(1.3 * share("SKTM", "year = 2018 AND month = 3"));
    }

    @Test
    void referralOutcomesAndDurationsDependOnTheAgency() {
        String refs = warehouse.table("referrals_monthly");
        List<String> all = warehouse.rows("SELECT sum(referred), sum(completed), sum(declined), sum(completed_within_sla)"
                + " FROM " + refs + " WHERE year = 2018").get(0);
        double completed = Double.parseDouble(all.get(1)) / Double.parseDouble(all.get(0));
        assertThat(completed).isBetween(0.5, 0.75);
        assertThat(Double.parseDouble(all.get(2)) / Double.parseDouble(all.get(0))).isBetween(0.05, 0.25);
        assertThat(Double.parseDouble(all.get(3)) / Double.parseDouble(all.get(1))).isBetween(0.4, 0.8);
        // Medians of Sleman's monthly medians: a village letter in days, a KIS card in about two weeks, house
        // repair waits for months.
        Map<String, String> medians = warehouse.map("SELECT programme, median(days_to_complete_p50) FROM " + refs
                + " WHERE district_code = '3404' AND year = 2018 GROUP BY programme");
        assertThat(Double.parseDouble(medians.get("SKTM"))).isLessThan(6);
        assertThat(Double.parseDouble(medians.get("KIS"))).isBetween(8.0, 18.0);
        assertThat(Double.parseDouble(medians.get("RTLH"))).isGreaterThan(45);
        // Nothing open for ever: the backlog over 90 days is a minority at the end of 2018.
        Map<String, String> bands = warehouse.map("SELECT age_band, sum(open) FROM " + warehouse.table("referral_backlog")
                + " WHERE year = 2018 AND month = 12 GROUP BY age_band");
        assertThat(bands).containsKeys("0-30", "31-90", ">90");
    }

    @Test
    void theBadRowsEndInQuarantineAndTheCleanNumbersHold() {
        assertThat(report.rowsRead()).isEqualTo(report.rowsAccepted() + report.rowsQuarantined());
        assertThat(report.rowsQuarantined()).isEqualTo(generated.dirtyRows());
        assertThat(warehouse.count("SELECT sum(visits) FROM " + warehouse.table("visits_monthly")))
                .isEqualTo(generated.visits());
        assertThat(report.quarantinedByReason()).containsKeys("DUPLICATE", "UNKNOWN_REGION", "BAD_DATE",
                "DATE_OUT_OF_RANGE", "MISSING_VISIT_ID", "UNKNOWN_PROGRAMME", "UNKNOWN_CODE", "WRONG_FIELD_COUNT",
                "TRUNCATED_ROW", "REFERRAL_WITHOUT_VISIT");
        // Bantul's village operators sent the most invalid rows (2019 report).
        double bantulShare = quarantinedShare("= '3402'");
        assertThat(bantulShare).isGreaterThan(3 * quarantinedShare("<> '3402'"));
        // The exports came in every style the ETL must read.
        assertThat(warehouse.rows("SELECT DISTINCT encoding || ' ' || delimiter FROM " + warehouse.table("files"))
                .stream().map(r -> r.get(0))).contains("UTF-8 ,", "UTF-8 ;", "UTF-8 BOM ,", "windows-1252 ,");
    }

    private double quarantinedShare(String district) {
        long quarantined = warehouse.count("SELECT count(*) FROM " + warehouse.table("quarantine")
                + " WHERE record_kind = 'VISIT' AND year = 2019 AND district_code " + district);
        long visits = warehouse.count("SELECT sum(visits) FROM " + warehouse.table("visits_monthly")
                + " WHERE year = 2019 AND district_code " + district);
        return quarantined / (double) visits;
    }

    /** A column's share of visits (or a programme's, when given a programme code) where the condition holds. */
    private double share(String what, String where) {
        String part = what.equals(what.toUpperCase()) ? "sum(visits) FILTER (programme = '" + what + "')" : "sum(" + what + ")";
        List<String> r = warehouse.rows("SELECT " + part + ", sum(visits) FROM " + warehouse.table("visits_monthly")
                + " WHERE " + where).get(0);
        return Double.parseDouble(r.get(0)) / Double.parseDouble(r.get(1));
    }
}
