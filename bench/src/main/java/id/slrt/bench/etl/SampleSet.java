package id.slrt.bench.etl;

import id.slrt.etl.Folders;
import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Sample exports of about N rows, as the product sees them: made with the project's generator with
 * referrals and messy exports (the districts' own CSV styles, bad rows, re-exported duplicates, cut-off
 * last lines; see {@link SampleGenerator.Options}), and split into the inbox of the full run and one extra
 * month (the last December: its visits, re-exports and referral states) for the incremental run. N counts
 * every data row of every export, visits and referral states, good and bad: the rows the ETL reads.
 *
 * <p>The generator writes file by file (nothing holds all rows in memory); the files are moved, counted
 * and copied by streaming.
 *
 * <p>The size is calibrated, not guessed: the generator is run once at {@link #CALIBRATION_SCALE} over
 * 2016-2019 to count, per year, the rows of the full-volume districts (Sleman, Bantul: fixed) and of all
 * the others (linear in the scale). The longest year range from 2016 whose fixed rows are at most half of
 * N is used, and the scale that brings the rest to N.
 *
 * <p>The extra month is cut from the same generation (the files are moved aside, not generated again),
 * so it is byte for byte what a full generation of the years holds.
 */
final class SampleSet {
    static final double CALIBRATION_SCALE = 0.05;
    static final int FIRST_YEAR = 2016;
    static final int LAST_YEAR = 2019;

    /** @param estimate rows the plan should generate (from the calibration) */
    record Plan(int fromYear, int toYear, double scale, long estimate) {
        YearMonth extraMonth() {
            return YearMonth.of(toYear, 12);
        }
    }

    /** What was generated: the inbox of the full run and the extra month kept aside. */
    record Sample(Plan plan, Path inbox, Path extra, long rows, int files, long bytes, long extraRows,
                  int extraFiles, long extraBytes, Duration took) {
        long totalRows() {
            return rows + extraRows;
        }
    }

    private SampleSet() {
    }

    static Plan plan(Regions regions, long seed, long rows, Path scratch) {
        Path dir = scratch.resolve("calibration");
        new SampleGenerator(regions).generate(options(dir, seed, CALIBRATION_SCALE, FIRST_YEAR, LAST_YEAR));
        TreeMap<Integer, long[]> byYear = new TreeMap<>(); // year -> {fixed rows, scaled rows}
        for (Path file : csvFiles(dir)) {
            // <district>/kunjungan_<district>_<yyyy-MM>[ (1)].csv or <district>/rujukan_<district>_<yyyy-MM>.csv
            String name = file.getFileName().toString();
            String district = file.getParent().getFileName().toString();
            int year = Integer.parseInt(name.substring(name.lastIndexOf('_') + 1, name.lastIndexOf('_') + 5));
            boolean fixed = district.equals(SampleGenerator.SLEMAN) || district.equals(SampleGenerator.BANTUL);
            byYear.computeIfAbsent(year, y -> new long[2])[fixed ? 0 : 1] += dataLines(file);
        }
        Folders.delete(dir);
        int toYear = FIRST_YEAR;
        for (int y = LAST_YEAR; y >= FIRST_YEAR; y--) {
            if (sum(byYear, y, 0) <= rows / 2) {
                toYear = y;
                break;
            }
        }
        long fixed = sum(byYear, toYear, 0);
        long scaled = sum(byYear, toYear, 1);
        // Below the fixed rows of 2016 alone the other districts get their smallest share.
        double scale = Math.max(0.001, CALIBRATION_SCALE * (rows - fixed) / (double) scaled);
        return new Plan(FIRST_YEAR, toYear, scale, fixed + Math.round(scaled * scale / CALIBRATION_SCALE));
    }

    static Sample generate(Regions regions, long seed, Plan plan, Path work) {
        long start = System.nanoTime();
        Path generated = work.resolve("generated");
        Path inbox = work.resolve("inbox");
        Path extra = work.resolve("extra-month");
        new SampleGenerator(regions).generate(options(generated, seed, plan.scale(), plan.fromYear(), plan.toYear()));
        long rows = 0;
        long bytes = 0;
        int files = 0;
        long extraRows = 0;
        long extraBytes = 0;
        int extraFiles = 0;
        try {
            for (Path file : csvFiles(generated)) {
                boolean isExtra = inExtraMonth(file, plan);
                Path target = (isExtra ? extra : inbox).resolve(generated.relativize(file));
                Files.createDirectories(target.getParent());
                Files.move(file, target);
                long n = dataLines(target);
                long size = Files.size(target);
                if (isExtra) {
                    extraRows += n;
                    extraBytes += size;
                    extraFiles++;
                } else {
                    rows += n;
                    bytes += size;
                    files++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the generated exports into " + inbox, e);
        }
        Folders.delete(generated);
        return new Sample(plan, inbox, extra, rows, files, bytes, extraRows, extraFiles, extraBytes,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Messy exports with referrals: what district applications send. */
    static SampleGenerator.Options options(Path out, long seed, double scale, int fromYear, int toYear) {
        return new SampleGenerator.Options(out, seed, scale, fromYear, toYear, true, true);
    }

    /** A visits export of the month, its re-export ("... (1).csv") or the month's referral states. */
    static boolean inExtraMonth(Path file, Plan plan) {
        String name = file.getFileName().toString();
        String month = "_" + plan.extraMonth();
        return name.endsWith(month + ".csv") || name.endsWith(month + " (1).csv");
    }

    /** Relative paths (with '/') of the extra month's files, as they are in the inbox once added. */
    static java.util.Set<String> extraPaths(Sample sample) {
        return csvFiles(sample.extra()).stream().map(f -> sample.extra().relativize(f).toString().replace('\\', '/'))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Copies the extra month's files into the inbox (same relative paths). */
    static void addExtraMonth(Sample sample) {
        try {
            for (Path file : csvFiles(sample.extra())) {
                Path target = sample.inbox().resolve(sample.extra().relativize(file));
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the extra month into " + sample.inbox(), e);
        }
    }

    private static long sum(TreeMap<Integer, long[]> byYear, int toYear, int column) {
        return byYear.headMap(toYear, true).values().stream().mapToLong(v -> v[column]).sum();
    }

    static List<Path> csvFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Records in a generated export: its lines minus the header (no generated field holds a line break);
     * a cut-off last line without its newline is a record too.
     */
    static long dataLines(Path file) {
        long lines = 0;
        byte last = '\n';
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[n - 1];
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Math.max(0, lines - 1 + (last == '\n' ? 0 : 1));
    }
}
