package id.slrt.etl;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At scale 1 the sample reproduces the national report: from late 2016 to mid-2018 SLRT received more
 * than 800,000 complaints, about half of them handled. A complaint is a visit (what the citizen asks);
 * handled means its referral is completed (SELESAI). Read through the warehouse after the ETL ran on
 * the clean exports (about 4.5 million rows; the messy ones give the same tables, as
 * CleanAndMessySamplesTest shows, and cost more to read at this volume); the slowest test of the module.
 */
class NationalFactsTest {
    @TempDir
    static Path dir;
    static TestWarehouse warehouse;

    @BeforeAll
    static void runTheEtlOnTheNationalVolume() {
        Path inbox = dir.resolve("inbox");
        new SampleGenerator(Regions.load(TestExports.REFERENCE)).generate(new SampleGenerator.Options(inbox,
                SampleGenerator.Options.DEFAULT_SEED, 1, 2016, 2018, true, false));
        Etl.Report report = new Etl(TestSpark.session()).run(
                new Etl.Config(inbox, dir.resolve("warehouse"), TestExports.REFERENCE, dir.resolve("state"), 2));
        warehouse = new TestWarehouse(dir.resolve("warehouse").resolve(report.snapshot()));
    }

    @Test
    void moreThan800000ComplaintsFromOctober2016ToJune2018AboutHalfHandled() {
        String window = " WHERE year * 100 + month BETWEEN 201610 AND 201806";
        long complaints = warehouse.count("SELECT sum(visits) FROM " + warehouse.table("visits_monthly") + window);
        List<String> referrals = warehouse.rows("SELECT sum(referred), sum(completed) FROM "
                + warehouse.table("referrals_monthly") + window).get(0);
        assertThat(complaints).isBetween(800_000L, 1_000_000L);
        assertThat(Long.parseLong(referrals.get(1)) / (double) complaints).isBetween(0.45, 0.55);
        // Nearly every request is referred; information is answered at the desk.
        assertThat(Long.parseLong(referrals.get(0)) / (double) complaints).isBetween(0.75, 0.95);
    }

    @Test
    void theNationalVolumeFollowsTheRollOut() {
        long y2016 = warehouse.count("SELECT sum(visits) FROM " + warehouse.table("visits_monthly") + " WHERE year = 2016");
        long y2017 = warehouse.count("SELECT sum(visits) FROM " + warehouse.table("visits_monthly") + " WHERE year = 2017");
        long y2018 = warehouse.count("SELECT sum(visits) FROM " + warehouse.table("visits_monthly") + " WHERE year = 2018");
        assertThat(y2017).isGreaterThan(y2016 * 3 / 2);
        assertThat(y2018).isGreaterThan(y2017 * 3 / 2);
    }
}
