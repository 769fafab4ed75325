package id.slrt.bench.etl;

import id.slrt.etl.Etl;
import id.slrt.etl.Folders;
import id.slrt.etl.SparkSessions;
import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.etl.ingest.PseudonymKey;
import id.slrt.etl.ingest.Reason;
import id.slrt.warehouse.Snapshots;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code BenchMain etl}: the Spark ETL against DuckDB on the same generated exports, as the product sees
 * them (messy CSV styles, referrals, bad rows, re-exported duplicates: {@link SampleSet}).
 *
 * <ol>
 *   <li>generate about N rows with the project's sample generator, keeping the last December aside
 *       (generation is not measured);</li>
 *   <li>the full ETL on a fresh warehouse and state folder, timed per stage (ledger, staging, snapshot, from
 *       Spark SQL execution events), with peak heap and peak disk of the work folder (Spark session started
 *       and warmed up before the timer);</li>
 *   <li>two baselines on the same inbox, timed: {@code visits_monthly}'s grain as one DuckDB statement
 *       ({@link DuckDbVisits}: it checks nothing and keeps duplicates, so only its total is checked: every
 *       visit row), and DuckDB doing the ETL's work ({@link DuckDbSameWork}: checks, keyed pseudonyms,
 *       quarantine, latest-wins visits, referrals, backlog, people), whose rows read, accepted and
 *       quarantined (by reason) must equal the ETL's and whose tables must equal the ETL's row for row
 *       ({@link #COMPARED});</li>
 *   <li>the extra month copied into the inbox and the ETL run again on the same warehouse and state
 *       (incremental: only the new files are parsed), timed, and compared with DuckDB same-work over the
 *       whole inbox again (untimed).</li>
 * </ol>
 * The last line printed is {@code ratio spark/duckdb: X.XX, ratio spark/duckdb-same-work: Y.YY,
 * incremental/full: Z.ZZ}: ratios measured in the same run, so they hold on a busy machine better than the
 * seconds do.
 *
 * <p>Sized for 100 million rows on 24 GB: the generator and the bench stream files (no row is held in the
 * heap), DuckDB same-work uses a database file, a memory limit ({@link #DUCKDB_MEMORY}) and a temp
 * directory in the work folder. With the environment variable {@code BENCH_DEBUG} set, every Spark SQL
 * execution of both ETL runs is listed on stderr.
 */
public final class EtlBench {
    /**
     * @param work null for a new folder under the temp dir; else a folder that is empty or does not exist
     * @param keep keep the work folder (exports, warehouse, state, DuckDB output) at the end
     */
    public record Options(long rows, Path work, boolean keep, Path reference, long seed) {
        public static final long DEFAULT_ROWS = 1_000_000;
        public static final long DEFAULT_SEED = SampleGenerator.Options.DEFAULT_SEED;

        public Options {
            if (rows < 1_000) {
                throw new IllegalArgumentException("--rows must be at least 1000, got " + rows);
            }
        }

        /** Parses {@code --name value} pairs (the arguments after {@code etl}). */
        public static Options parse(String[] args) {
            Map<String, String> o = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
                }
                o.put(args[i].substring(2), args[++i]);
            }
            o.keySet().stream().filter(k -> !List.of("rows", "work", "keep", "reference", "seed").contains(k))
                    .findFirst().ifPresent(k -> {
                        throw new IllegalArgumentException("unknown option --" + k);
                    });
            Options options;
            try {
                options = new Options(Long.parseLong(o.getOrDefault("rows", String.valueOf(DEFAULT_ROWS)).replace("_", "")),
                        o.containsKey("work") ? Path.of(o.get("work")) : null,
                        Boolean.parseBoolean(o.getOrDefault("keep", "false")),
                        Path.of(o.getOrDefault("reference", "data/reference")),
                        Long.parseLong(o.getOrDefault("seed", String.valueOf(DEFAULT_SEED))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + e.getMessage());
            }
            if (!Files.isDirectory(options.reference())) {
                throw new IllegalArgumentException("reference folder not found: " + options.reference().toAbsolutePath());
            }
            if (options.work() != null && Files.isDirectory(options.work())) {
                try (Stream<Path> entries = Files.list(options.work())) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("--work " + options.work() + " is not empty");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + options.work(), e);
                }
            } else if (options.work() != null && Files.exists(options.work())) {
                throw new IllegalArgumentException("--work " + options.work() + " is not a folder");
            }
            return options;
        }
    }

    /**
     * @param ok       every check passed: rows read = generated; the ETL's rows read, accepted and
     *                 quarantined = DuckDB same-work's; the tables both write equal row for row after the full
     *                 and after the incremental run; the one-statement baseline counted every visit row
     * @param lastLine the ratio line, printed last
     */
    public record Result(boolean ok, long rows, double fullSeconds, double duckdbSeconds, double sameWorkSeconds,
                         double incrementalSeconds, boolean sameWorkMatches, String lastLine) {
    }

    /** DuckDB's memory limit in the bench: the JVM (Spark) has -Xmx12g of the machine's 24 GB under ./slrt bench. */
    static final String DUCKDB_MEMORY = "4GB";
    /** The tables both write, compared row for row (doubles to 6 decimals). */
    static final List<String> COMPARED = List.of("visits_monthly", "referrals_monthly", "people_yearly",
            "referral_backlog", "coverage_yearly", "district_activity");

    private EtlBench() {
    }

    public static Result run(Options options, PrintStream out) {
        Path work = workFolder(options.work());
        out.printf(Locale.ROOT, "work folder %s (%s at the end)%n", work, options.keep() ? "kept" : "deleted");
        try {
            return run(options, work, out);
        } finally {
            if (!options.keep()) {
                Folders.delete(work);
            }
        }
    }

    private static Result run(Options options, Path work, PrintStream out) {
        Regions regions = Regions.load(options.reference());
        SampleSet.Plan plan = SampleSet.plan(regions, options.seed(), options.rows(), work);
        SampleSet.Sample sample = SampleSet.generate(regions, options.seed(), plan, work);
        out.printf(Locale.ROOT, "generated %,d rows (asked for %,d) with SampleGenerator, messy exports with referrals:"
                        + " seed %d, scale %.4f, %d-%d; %.1f s, not measured%n", sample.totalRows(), options.rows(),
                options.seed(), plan.scale(), plan.fromYear(), plan.toYear(), sample.took().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  full run:    %,d rows in %,d files (%s on disk), %d-01..%s%n", sample.rows(),
                sample.files(), size(sample.bytes()), plan.fromYear(), plan.extraMonth().minusMonths(1));
        out.printf(Locale.ROOT, "  extra month: %,d rows in %,d files (%s on disk), %s, for the incremental run%n",
                sample.extraRows(), sample.extraFiles(), size(sample.extraBytes()), plan.extraMonth());
        out.printf(Locale.ROOT, "machine: %d cores, JVM max heap %s, %s physical memory, %s free in the work folder's file system%n",
                Runtime.getRuntime().availableProcessors(), size(Runtime.getRuntime().maxMemory()), size(physicalMemory()),
                size(work.toFile().getUsableSpace()));

        List<String> failures = new ArrayList<>();
        Path warehouseDir = work.resolve("warehouse");
        Etl.Config config = new Etl.Config(sample.inbox(), warehouseDir, options.reference(), work.resolve("state"), 5);
        Path duckDir = work.resolve("duckdb");
        createDirectories(duckDir);
        String key = Objects.requireNonNullElseGet(System.getenv(PseudonymKey.ENVIRONMENT),
                () -> Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
        int threads = Runtime.getRuntime().availableProcessors();

        try (PeakMemory memory = new PeakMemory(); WorkDisk disk = new WorkDisk(work);
             DuckDbVisits duck = new DuckDbVisits(duckDir.resolve("baseline-tmp"), DUCKDB_MEMORY);
             DuckDbSameWork same = new DuckDbSameWork(duckDir.resolve("same-work"), DUCKDB_MEMORY, threads, key)) {
            long sparkStart = System.nanoTime();
            SparkSession spark = SparkSessions.create(SparkSessions.DEFAULT_MASTER);
            try {
                spark.range(0, 100_000).selectExpr("id % 7 AS k").groupBy("k").count().collectAsList();
                out.printf(Locale.ROOT, "Spark %s %s: session start-up and a warm-up query (%.1f s) are not in the"
                                + " figures; DuckDB %s in-process (baseline: in memory, same limit; same-work: %s, %d threads,"
                                + " temp directory in the work folder), opened before timing%n",
                        spark.version(), spark.sparkContext().master(), seconds(System.nanoTime() - sparkStart),
                        duck.version(), same.describe(), threads);
                QueryTimes queries = new QueryTimes();
                spark.sparkContext().addSparkListener(queries);
                Etl etl = new Etl(spark);

                // 1. The full ETL.
                Run full = runEtl(etl, config, spark, queries, memory, disk);
                check(failures, full.report().rowsRead() == sample.rows(), "full run read %,d rows, generated %,d",
                        full.report().rowsRead(), sample.rows());

                // 2. The baselines, on the same inbox: the files' dialects first (both use them).
                memory.reset();
                long t = System.nanoTime();
                List<DuckDbSameWork.ExportFile> files = DuckDbSameWork.sniff(sample.inbox(), Set.of());
                double sniffSeconds = seconds(System.nanoTime() - t);
                Path duckOut = duckDir.resolve("visits_monthly.parquet");
                t = System.nanoTime();
                duck.visitsMonthly(files, duckOut);
                double duckSeconds = sniffSeconds + seconds(System.nanoTime() - t);
                long duckPeak = memory.peakHeap();
                long visitRows = duck.visitRows(duckOut.toString());

                memory.reset();
                long sameStart = System.currentTimeMillis();
                t = System.nanoTime();
                DuckDbSameWork.Timing sameTiming = same.run(files, options.reference(), duckDir.resolve("full"),
                        config.slaDays());
                double sameSeconds = sniffSeconds + seconds(System.nanoTime() - t);
                disk.sample();
                long samePeakDisk = disk.peakBytes(sameStart, System.currentTimeMillis());
                long samePeak = memory.peakHeap();
                DuckDbSameWork.Counts fullCounts = same.counts();
                same.dropAll();
                checkCounts(failures, "full run", full.report(), fullCounts);
                Map<String, DuckDbVisits.TableMatch> fullMatch = compareAll(duck, warehouseDir, duckDir.resolve("full"));
                check(failures, visitRows == fullCounts.visitRowsRead(),
                        "the one-statement baseline counted %,d visit rows, the exports have %,d", visitRows,
                        fullCounts.visitRowsRead());

                // 3. One more month, incremental; then DuckDB same-work again on the whole inbox (not timed).
                SampleSet.addExtraMonth(sample);
                Run incremental = runEtl(etl, config, spark, queries, memory, disk);
                check(failures, incremental.report().rowsRead() == sample.totalRows(),
                        "incremental run read %,d rows, generated %,d", incremental.report().rowsRead(), sample.totalRows());
                check(failures, incremental.report().filesStaged() == sample.extraFiles(),
                        "incremental run parsed %,d files, the extra month has %,d", incremental.report().filesStaged(),
                        sample.extraFiles());
                same.run(DuckDbSameWork.sniff(sample.inbox(), SampleSet.extraPaths(sample)), options.reference(),
                        duckDir.resolve("all"), config.slaDays());
                DuckDbSameWork.Counts allCounts = same.counts();
                same.dropAll();
                checkCounts(failures, "incremental run", incremental.report(), allCounts);
                Map<String, DuckDbVisits.TableMatch> incrementalMatch =
                        compareAll(duck, warehouseDir, duckDir.resolve("all"));

                print(out, sample, full, incremental);
                out.println("baselines on the full run's inbox (the files' first lines read once for both: "
                        + String.format(Locale.ROOT, "%.2f s, in both figures)", sniffSeconds));
                String format = "%-36s %12s %9s %10s %10s%n";
                out.printf(Locale.ROOT, format, "step", "rows", "seconds", "peak heap", "peak disk");
                out.printf(Locale.ROOT, format, "DuckDB, one statement (visits only)", String.format(Locale.ROOT, "%,d", visitRows),
                        String.format(Locale.ROOT, "%.2f", duckSeconds), size(duckPeak), "");
                out.printf(Locale.ROOT, format, "DuckDB, same work", String.format(Locale.ROOT, "%,d", fullCounts.rowsRead()),
                        String.format(Locale.ROOT, "%.2f", sameSeconds), size(samePeak), size(samePeakDisk));
                sameTiming.steps().forEach((step, seconds) ->
                        out.printf(Locale.ROOT, "  %-34s %12s %9.2f%n", step, "", seconds));
                out.println("(one statement: visits_monthly's grain over every visit row, duplicates and bad rows"
                        + " included, so it is compared on its total only; same work: the ETL's checks, pseudonyms,"
                        + " quarantine, de-duplication and tables, see DuckDbSameWork; peak disk: the whole work folder)");
                out.println();
                printCounts(out, "full run:   ", full.report(), fullCounts);
                printCounts(out, "incremental:", incremental.report(), allCounts);
                out.printf(Locale.ROOT, "one-statement baseline: %,d visit rows counted, the exports have %,d: %s%n",
                        visitRows, fullCounts.visitRowsRead(), visitRows == fullCounts.visitRowsRead() ? "yes" : "NO");
                printMatches(out, "full run:   ", fullMatch);
                printMatches(out, "incremental:", incrementalMatch);
                boolean sameWorkMatches = fullMatch.values().stream().allMatch(DuckDbVisits.TableMatch::match)
                        && incrementalMatch.values().stream().allMatch(DuckDbVisits.TableMatch::match);
                check(failures, sameWorkMatches, "a table of the ETL differs from DuckDB same-work's");
                out.printf(Locale.ROOT, "peak disk of the work folder over the whole bench: %s (Spark's own scratch"
                        + " space, spark.local.dir, is outside it)%n", size(disk.peakBytes()));
                failures.forEach(f -> out.println("FAILED: " + f));
                out.println(failures.isEmpty() ? "all checks passed" : failures.size() + " check(s) failed");
                String last = String.format(Locale.ROOT,
                        "ratio spark/duckdb: %.2f, ratio spark/duckdb-same-work: %.2f, incremental/full: %.2f",
                        full.seconds() / duckSeconds, full.seconds() / sameSeconds, incremental.seconds() / full.seconds());
                out.println(last);
                return new Result(failures.isEmpty(), sample.rows(), full.seconds(), duckSeconds, sameSeconds,
                        incremental.seconds(), sameWorkMatches, last);
            } finally {
                spark.stop();
            }
        }
    }

    private static void checkCounts(List<String> failures, String label, Etl.Report report, DuckDbSameWork.Counts c) {
        check(failures, report.rowsRead() == c.rowsRead() && report.rowsAccepted() == c.accepted()
                        && report.rowsQuarantined() == c.quarantined(),
                "%s: the ETL read/accepted/quarantined %,d/%,d/%,d rows, DuckDB same-work %,d/%,d/%,d", label,
                report.rowsRead(), report.rowsAccepted(), report.rowsQuarantined(), c.rowsRead(), c.accepted(),
                c.quarantined());
        check(failures, mergedReasons(report.quarantinedByReason()).equals(mergedReasons(c.quarantinedByReason())),
                "%s: quarantined by reason: ETL %s, DuckDB same-work %s", label,
                mergedReasons(report.quarantinedByReason()), mergedReasons(c.quarantinedByReason()));
    }

    /** TRUNCATED_ROW counted as WRONG_FIELD_COUNT: DuckDB's CSV reader does not say which row was the last. */
    static Map<String, Long> mergedReasons(Map<String, Long> byReason) {
        Map<String, Long> merged = new TreeMap<>();
        byReason.forEach((reason, n) -> merged.merge(
                Reason.TRUNCATED_ROW.name().equals(reason) ? Reason.WRONG_FIELD_COUNT.name() : reason, n, Long::sum));
        merged.values().removeIf(n -> n == 0);
        return merged;
    }

    private static Map<String, DuckDbVisits.TableMatch> compareAll(DuckDbVisits duck, Path warehouseDir, Path sameDir) {
        Map<String, DuckDbVisits.TableMatch> matches = new LinkedHashMap<>();
        for (String table : COMPARED) {
            matches.put(table, duck.compareExact(currentTable(warehouseDir, table),
                    sameDir.resolve(table + ".parquet").toAbsolutePath().toString()));
        }
        return matches;
    }

    private record Run(Etl.Report report, double seconds, long peakHeap, long peakDisk, QueryTimes.Phases phases,
                       long[] peakHeapByPhase, long[] peakDiskByPhase) {
    }

    private static Run runEtl(Etl etl, Etl.Config config, SparkSession spark, QueryTimes queries, PeakMemory memory,
                              WorkDisk disk) {
        memory.reset();
        queries.clear();
        disk.sample();
        long startMillis = System.currentTimeMillis();
        long t = System.nanoTime();
        Etl.Report report = etl.run(config);
        double seconds = seconds(System.nanoTime() - t);
        long endMillis = System.currentTimeMillis();
        disk.sample();
        long peak = memory.peakHeap();
        List<QueryTimes.Query> seen = queries.queries(spark);
        if (System.getenv("BENCH_DEBUG") != null) {
            seen.forEach(q -> System.err.printf(Locale.ROOT, "query %d %s +%d ms %d ms%n", q.id(), q.callSite(),
                    q.start() - startMillis, q.millis()));
        }
        QueryTimes.Phases phases = QueryTimes.phases(seen, startMillis, endMillis);
        long[] heap = new long[3];
        long[] bytes = new long[3];
        if (phases != null) {
            long[] bounds = {startMillis, startMillis + phases.ledgerMillis(),
                    startMillis + phases.ledgerMillis() + phases.stagingMillis(), endMillis};
            for (int i = 0; i < 3; i++) {
                heap[i] = disk.peakHeap(bounds[i], bounds[i + 1]);
                bytes[i] = disk.peakBytes(bounds[i], bounds[i + 1]);
            }
        }
        return new Run(report, seconds, peak, disk.peakBytes(startMillis, endMillis), phases, heap, bytes);
    }

    private static void print(PrintStream out, SampleSet.Sample sample, Run full, Run incremental) {
        out.println();
        String format = "%-36s %12s %7s %7s %9s %11s %10s %10s%n";
        out.printf(Locale.ROOT, format, "ETL run / stage", "rows", "files", "parsed", "seconds", "rows/s", "peak heap",
                "peak disk");
        row(out, format, "full ETL (Spark)", full);
        phases(out, full);
        row(out, format, "incremental ETL (+" + sample.plan().extraMonth() + ")", incremental);
        phases(out, incremental);
        long rss = PeakMemory.peakRss();
        out.println("(rows: read in the run; parsed: files read in the run; seconds: wall time; rows/s = rows / seconds;"
                + " peak heap: JVM heap used, sampled every 20 ms for a run, every second for a stage, after a GC at"
                + " the start of the run; DuckDB's memory is native, not heap" + (rss == 0 ? "" : "; process peak RSS"
                + " over all steps " + size(rss)) + "; peak disk: the work folder, sampled about every second;"
                + " stages: from Spark SQL execution start and end times)");
        out.println();
    }

    private static void row(PrintStream out, String format, String step, Run run) {
        out.printf(Locale.ROOT, format, step, String.format(Locale.ROOT, "%,d", run.report().rowsRead()),
                String.format(Locale.ROOT, "%,d", run.report().files()),
                String.format(Locale.ROOT, "%,d", run.report().filesStaged()), String.format(Locale.ROOT, "%.2f", run.seconds()),
                String.format(Locale.ROOT, "%,.0f", run.report().rowsRead() / run.seconds()), size(run.peakHeap()),
                size(run.peakDisk()));
    }

    private static void phases(PrintStream out, Run run) {
        QueryTimes.Phases p = run.phases();
        if (p == null) {
            out.println("  (no staging job seen: stages unknown)");
            return;
        }
        String format = "  %-34s %12s %7s %7s %9.2f %11s %10s %10s%n";
        String[] names = {"ledger: list, hash files", "staging: parse, check, write", "snapshot: tables, publish"};
        long[] millis = {p.ledgerMillis(), p.stagingMillis(), p.snapshotMillis()};
        for (int i = 0; i < 3; i++) {
            out.printf(Locale.ROOT, format, names[i], "", "", "", millis[i] / 1000.0, "", size(run.peakHeapByPhase()[i]),
                    size(run.peakDiskByPhase()[i]));
        }
        out.println("    snapshot queries by call site: " + p.snapshotByCallSite().entrySet().stream().limit(4)
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue() / 1000.0))
                .collect(Collectors.joining(", ")));
    }

    private static void printCounts(PrintStream out, String label, Etl.Report r, DuckDbSameWork.Counts c) {
        boolean same = r.rowsRead() == c.rowsRead() && r.rowsAccepted() == c.accepted() && r.rowsQuarantined() == c.quarantined()
                && mergedReasons(r.quarantinedByReason()).equals(mergedReasons(c.quarantinedByReason()));
        out.printf(Locale.ROOT, "rows read/accepted/quarantined Spark = DuckDB same-work, %s %s (Spark %,d/%,d/%,d,"
                        + " DuckDB %,d/%,d/%,d; quarantined by reason %s)%n", label, same ? "yes" : "NO",
                r.rowsRead(), r.rowsAccepted(), r.rowsQuarantined(), c.rowsRead(), c.accepted(), c.quarantined(),
                same ? mergedReasons(c.quarantinedByReason()) : "Spark " + mergedReasons(r.quarantinedByReason())
                        + ", DuckDB " + mergedReasons(c.quarantinedByReason()));
    }

    private static void printMatches(PrintStream out, String label, Map<String, DuckDbVisits.TableMatch> matches) {
        matches.forEach((table, m) -> out.printf(Locale.ROOT,
                "%s Spark = DuckDB same-work, %s %s (rows %,d / %,d; only in Spark %,d, only in DuckDB %,d; columns %s)%n",
                table, label, m.match() ? "yes" : "NO", m.rowsA(), m.rowsB(), m.onlyInA(), m.onlyInB(),
                m.schemaA().equals(m.schemaB()) ? "and types equal" : "differ: Spark " + m.schemaA() + ", DuckDB " + m.schemaB()));
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    /** A table of the ETL's current snapshot, as a Parquet glob. */
    private static String currentTable(Path warehouseDir, String table) {
        Path dir = new Snapshots(warehouseDir).currentDir()
                .orElseThrow(() -> new IllegalStateException("the ETL published no snapshot in " + warehouseDir));
        return dir.resolve(table).toAbsolutePath() + "/*.parquet";
    }

    private static Path workFolder(Path requested) {
        try {
            // Options.parse made sure a requested folder is empty or new.
            return requested == null ? Files.createTempDirectory("slrt-bench-") : Files.createDirectories(requested);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work folder", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void check(List<String> failures, boolean ok, String format, Object... args) {
        if (!ok) {
            failures.add(String.format(Locale.ROOT, format, args));
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}
