package id.slrt.etl;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At scale 1 the sample reproduces the national report: from late 2016 to mid-2018 SLRT received more
 * than 800,000 complaints, about half of them handled. A complaint is a visit (what the citizen asks);
 * handled means its referral is completed (its latest state SELESAI).
 *
 * <p>WHY counted straight from the generated clean exports rather than through a Spark run at this
 * volume (4.5 million rows, four minutes of CI): these facts are the generator's calibration, and that
 * the ETL turns the exports into exactly these counts is CleanAndMessySamplesTest's proof (its clean
 * run's tables equal counts taken straight from the CSV, and the messy run's tables the clean run's),
 * with PublishedFactsTest reading the published facts back through the warehouse.
 */
class NationalFactsTest {
    @TempDir
    static Path dir;
    /** Visits per month (yyyy-MM). */
    static final Map<String, Long> visits = new TreeMap<>();
    /** Referrals per month of referral: made, and with the latest state SELESAI. */
    static final Map<String, long[]> referrals = new TreeMap<>();

    @BeforeAll
    static void generateTheNationalVolumeAndCountIt() throws IOException {
        Path inbox = dir.resolve("inbox");
        new SampleGenerator(Regions.load(TestExports.REFERENCE)).generate(new SampleGenerator.Options(inbox,
                SampleGenerator.Options.DEFAULT_SEED, 1, 2016, 2018, true, false));
        // district|id_rujukan -> {tanggal_rujukan, tanggal_status, status} of its latest state
        Map<String, String[]> latest = new HashMap<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(inbox)) {
            files = all.filter(p -> p.getFileName().toString().endsWith(".csv")).toList();
        }
        for (Path file : files) {
            boolean referralFile = file.getFileName().toString().startsWith("rujukan_");
            String district = file.getParent().getFileName().toString();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                in.readLine(); // the canonical header of a clean export
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (referralFile) {
                        // id_rujukan, id_kunjungan, tanggal_rujukan, instansi_tujuan, program, status, tanggal_status, ...
                        String[] f = line.split(",", 8);
                        latest.merge(district + "|" + f[0], new String[] {f[2], f[6], f[5]},
                                (a, b) -> b[1].compareTo(a[1]) > 0 ? b : a);
                    } else {
                        visits.merge(line.split(",", 3)[1].substring(0, 7), 1L, Long::sum);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String[] state : latest.values()) {
            long[] counts = referrals.computeIfAbsent(state[0].substring(0, 7), m -> new long[2]);
            counts[0]++;
            counts[1] += state[2].equals("SELESAI") ? 1 : 0;
        }
    }

    @Test
    void moreThan800000ComplaintsFromOctober2016ToJune2018AboutHalfHandled() {
        long complaints = visits.entrySet().stream().filter(e -> inWindow(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        long referred = referrals.entrySet().stream().filter(e -> inWindow(e.getKey())).mapToLong(e -> e.getValue()[0]).sum();
        long completed = referrals.entrySet().stream().filter(e -> inWindow(e.getKey())).mapToLong(e -> e.getValue()[1]).sum();
        System.out.printf("October 2016 to June 2018 at scale 1: %,d visits, %,d referred, %,d completed%n", complaints,
                referred, completed);
        assertThat(complaints).isBetween(800_000L, 1_000_000L);
        assertThat(completed / (double) complaints).isBetween(0.45, 0.55);
        // Nearly every request is referred; information is answered at the desk.
        assertThat(referred / (double) complaints).isBetween(0.75, 0.95);
    }

    @Test
    void theNationalVolumeFollowsTheRollOut() {
        long y2016 = year(2016);
        long y2017 = year(2017);
        long y2018 = year(2018);
        assertThat(y2017).isGreaterThan(y2016 * 3 / 2);
        assertThat(y2018).isGreaterThan(y2017 * 3 / 2);
    }

    private static boolean inWindow(String month) {
        return month.compareTo("2016-10") >= 0 && month.compareTo("2018-06") <= 0;
    }

    private static long year(int year) {
        return visits.entrySet().stream().filter(e -> e.getKey().startsWith(year + "-")).mapToLong(Map.Entry::getValue).sum();
    }
}
