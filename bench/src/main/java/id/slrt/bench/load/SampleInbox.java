package id.slrt.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;

/**
 * Sample exports for the load: the project's generator (visits and referrals, in the districts' messy
 * styles, as {@code ./slrt generate} writes them), with the exports of the last month (visits, referral
 * states and re-exports of {@code toYear}-12) kept aside, to arrive later as a district's new monthly file
 * does, while the dashboard is under load.
 */
final class SampleInbox {
    private final Path inbox;
    private final Path later;
    private final YearMonth lastMonth;
    private final SampleGenerator.Summary summary;
    private final int laterFiles;

    private SampleInbox(Path inbox, Path later, YearMonth lastMonth, SampleGenerator.Summary summary, int laterFiles) {
        this.inbox = inbox;
        this.later = later;
        this.lastMonth = lastMonth;
        this.summary = summary;
        this.laterFiles = laterFiles;
    }

    static SampleInbox generate(Path reference, Path work, long seed, double scale, int fromYear, int toYear) {
        Path inbox = work.resolve("inbox");
        Path later = work.resolve("next-month");
        YearMonth lastMonth = YearMonth.of(toYear, 12);
        SampleGenerator.Summary summary = new SampleGenerator(Regions.load(reference))
                .generate(new SampleGenerator.Options(inbox, seed, scale, fromYear, toYear, true, true));
        // kunjungan_3404_2019-12.csv, rujukan_3404_2019-12.csv, kunjungan_3404_2019-12 (1).csv
        String marker = "_" + lastMonth;
        int moved = 0;
        try {
            for (Path file : files(inbox)) {
                if (file.getFileName().toString().contains(marker)) {
                    Path target = later.resolve(inbox.relativize(file));
                    Files.createDirectories(target.getParent());
                    Files.move(file, target);
                    moved++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the last month aside", e);
        }
        if (moved == 0) {
            throw new IllegalStateException("the generator wrote no export for " + lastMonth);
        }
        return new SampleInbox(inbox, later, lastMonth, summary, moved);
    }

    /** The last month's exports arrive in the inbox (same folders). */
    void deliverLastMonth() {
        try {
            for (Path file : files(later)) {
                Path target = inbox.resolve(later.relativize(file));
                Files.createDirectories(target.getParent());
                Files.move(file, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the last month into " + inbox, e);
        }
    }

    Path inbox() {
        return inbox;
    }

    YearMonth lastMonth() {
        return lastMonth;
    }

    SampleGenerator.Summary summary() {
        return summary;
    }

    int lastMonthFiles() {
        return laterFiles;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
