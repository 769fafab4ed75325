package id.slrt.bench.etl;

import id.slrt.etl.Etl;
import id.slrt.etl.Folders;
import id.slrt.etl.SparkSessions;
import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.etl.visits.VisitsTables;
import id.slrt.warehouse.Snapshots;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code BenchMain etl}: the Spark ETL against one plain DuckDB statement on the same generated exports.
 *
 * <ol>
 *   <li>generate about N visit rows with the project's sample generator, keeping the last December aside
 *       (generation is not measured);</li>
 *   <li>the full ETL on a fresh warehouse and state folder, timed (Spark session started and warmed up
 *       before the timer);</li>
 *   <li>{@code visits_monthly} as one DuckDB statement (CSV to Parquet), timed, and compared with the
 *       ETL's table both ways;</li>
 *   <li>the extra month copied into the inbox and the ETL run again on the same warehouse and state
 *       (incremental: only the new files are parsed), timed, and compared with DuckDB again (untimed).</li>
 * </ol>
 * The last line printed is {@code ratio spark/duckdb: X.XX, incremental/full: Y.YY}: ratios measured in
 * the same run, so they hold on a busy machine better than the seconds do.
 *
 * <p>The ETL phases (ledger, staging, snapshot) come from Spark SQL execution events; with the environment
 * variable {@code BENCH_DEBUG} set, every Spark SQL execution of both ETL runs is listed on stderr.
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
     * @param ok       every check passed: row counts, and Spark's visits_monthly equals DuckDB's after the
     *                 full and after the incremental run
     * @param lastLine the ratio line, printed last
     */
    public record Result(boolean ok, long rows, double fullSeconds, double duckdbSeconds, double incrementalSeconds,
                         String lastLine) {
    }

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
        out.printf(Locale.ROOT, "generated %,d visit rows (asked for %,d) with SampleGenerator: seed %d, scale %.4f,"
                        + " %d-%d; %.1f s, not measured%n", sample.totalRows(), options.rows(), options.seed(),
                plan.scale(), plan.fromYear(), plan.toYear(), sample.took().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  full run:    %,d rows in %,d files (%s), %d-01..%s%n", sample.rows(), sample.files(),
                size(sample.bytes()), plan.fromYear(), plan.extraMonth().minusMonths(1));
        out.printf(Locale.ROOT, "  extra month: %,d rows in %,d files (%s), %s, for the incremental run%n",
                sample.extraRows(), sample.extraFiles(), size(sample.extraBytes()),
                plan.extraMonth());

        List<String> failures = new ArrayList<>();
        Path warehouseDir = work.resolve("warehouse");
        Etl.Config config = new Etl.Config(sample.inbox(), warehouseDir, options.reference(), work.resolve("state"), 5);
        Path duckDir = work.resolve("duckdb");
        createDirectories(duckDir);

        try (PeakMemory memory = new PeakMemory(); DuckDbVisits duck = new DuckDbVisits()) {
            long sparkStart = System.nanoTime();
            SparkSession spark = SparkSessions.create(SparkSessions.DEFAULT_MASTER);
            Run full;
            Run incremental;
            try {
                spark.range(0, 100_000).selectExpr("id % 7 AS k").groupBy("k").count().collectAsList();
                out.printf(Locale.ROOT, "Spark %s %s, %d cores, -Xmx %s: session start-up and a warm-up query"
                                + " (%.1f s) are not in the figures; DuckDB %s in-process, opened before timing%n",
                        spark.version(), spark.sparkContext().master(), Runtime.getRuntime().availableProcessors(),
                        size(Runtime.getRuntime().maxMemory()), seconds(System.nanoTime() - sparkStart), duck.version());
                QueryTimes queries = new QueryTimes();
                spark.sparkContext().addSparkListener(queries);
                Etl etl = new Etl(spark);

                full = runEtl(etl, config, spark, queries, memory);
                check(failures, full.report().rowsRead() == sample.rows(), "full run read %,d rows, generated %,d",
                        full.report().rowsRead(), sample.rows());
                check(failures, full.report().rowsQuarantined() == 0, "full run quarantined %,d rows",
                        full.report().rowsQuarantined());

                memory.reset();
                Path duckOut = duckDir.resolve("visits_monthly.parquet");
                long t = System.nanoTime();
                duck.visitsMonthly(sample.inbox(), duckOut);
                double duckSeconds = seconds(System.nanoTime() - t);
                long duckPeak = memory.peakHeap();
                DuckDbVisits.Comparison fullMatch = duck.compare(currentVisits(warehouseDir), duckOut.toString());

                SampleSet.addExtraMonth(sample);
                incremental = runEtl(etl, config, spark, queries, memory);
                check(failures, incremental.report().rowsRead() == sample.totalRows(),
                        "incremental run read %,d rows, generated %,d", incremental.report().rowsRead(), sample.totalRows());
                check(failures, incremental.report().filesStaged() == sample.extraFiles(),
                        "incremental run parsed %,d files, the extra month has %,d", incremental.report().filesStaged(),
                        sample.extraFiles());
                Path duckAll = duckDir.resolve("visits_monthly_all.parquet");
                duck.visitsMonthly(sample.inbox(), duckAll);
                DuckDbVisits.Comparison incrementalMatch = duck.compare(currentVisits(warehouseDir), duckAll.toString());

                print(out, sample, full, duckSeconds, duckPeak, incremental);
                printMatch(out, "full run:   ", fullMatch);
                printMatch(out, "incremental:", incrementalMatch);
                check(failures, fullMatch.match(), "visits_monthly of the full run differs from DuckDB's");
                check(failures, incrementalMatch.match(), "visits_monthly of the incremental run differs from DuckDB's");
                failures.forEach(f -> out.println("FAILED: " + f));
                out.println(failures.isEmpty() ? "all checks passed" : failures.size() + " check(s) failed");
                String last = String.format(Locale.ROOT, "ratio spark/duckdb: %.2f, incremental/full: %.2f",
                        full.seconds() / duckSeconds, incremental.seconds() / full.seconds());
                out.println(last);
                return new Result(failures.isEmpty(), sample.rows(), full.seconds(), duckSeconds, incremental.seconds(),
                        last);
            } finally {
                spark.stop();
            }
        }
    }

    private record Run(Etl.Report report, double seconds, long peakHeap, QueryTimes.Phases phases) {
    }

    private static Run runEtl(Etl etl, Etl.Config config, SparkSession spark, QueryTimes queries, PeakMemory memory) {
        memory.reset();
        queries.clear();
        long startMillis = System.currentTimeMillis();
        long t = System.nanoTime();
        Etl.Report report = etl.run(config);
        double seconds = seconds(System.nanoTime() - t);
        long endMillis = System.currentTimeMillis();
        long peak = memory.peakHeap();
        List<QueryTimes.Query> seen = queries.queries(spark);
        if (System.getenv("BENCH_DEBUG") != null) {
            seen.forEach(q -> System.err.printf(Locale.ROOT, "query %d %s +%d ms %d ms%n", q.id(), q.callSite(),
                    q.start() - startMillis, q.millis()));
        }
        return new Run(report, seconds, peak, QueryTimes.phases(seen, startMillis, endMillis));
    }

    private static void print(PrintStream out, SampleSet.Sample sample, Run full, double duckSeconds, long duckPeak,
                              Run incremental) {
        out.println();
        String format = "%-30s %12s %7s %7s %9s %11s %10s%n";
        out.printf(Locale.ROOT, format, "step", "rows", "files", "parsed", "seconds", "rows/s", "peak heap");
        row(out, format, "full ETL (Spark)", full.report().rowsRead(), full.report().files(),
                full.report().filesStaged(), full.seconds(), full.peakHeap());
        phases(out, full.phases());
        row(out, format, "DuckDB, one statement", sample.rows(), sample.files(), sample.files(), duckSeconds, duckPeak);
        row(out, format, "incremental ETL (+" + sample.plan().extraMonth() + ")", incremental.report().rowsRead(),
                incremental.report().files(), incremental.report().filesStaged(), incremental.seconds(),
                incremental.peakHeap());
        phases(out, incremental.phases());
        long rss = PeakMemory.peakRss();
        out.println("(rows: in the result; parsed: files read in the step; seconds: wall time; rows/s = rows / seconds;"
                + " peak heap: JVM heap used, sampled every 20 ms, after a GC at the start of the step; DuckDB's memory"
                + " is native, not heap" + (rss == 0 ? "" : "; process peak RSS over all steps " + size(rss))
                + "; phases: from Spark SQL execution start and end times)");
        out.println();
    }

    private static void row(PrintStream out, String format, String step, long rows, int files, int parsed,
                            double seconds, long peakHeap) {
        out.printf(Locale.ROOT, format, step, String.format(Locale.ROOT, "%,d", rows), String.format(Locale.ROOT, "%,d", files),
                String.format(Locale.ROOT, "%,d", parsed), String.format(Locale.ROOT, "%.2f", seconds),
                String.format(Locale.ROOT, "%,.0f", rows / seconds), size(peakHeap));
    }

    private static void phases(PrintStream out, QueryTimes.Phases p) {
        if (p == null) {
            out.println("  (no staging job seen: phases unknown)");
            return;
        }
        out.printf(Locale.ROOT, "  %-28s %38.2f%n", "ledger: list, hash files", p.ledgerMillis() / 1000.0);
        out.printf(Locale.ROOT, "  %-28s %38.2f%n", "staging: parse, check, write", p.stagingMillis() / 1000.0);
        out.printf(Locale.ROOT, "  %-28s %38.2f%n", "snapshot: tables, publish", p.snapshotMillis() / 1000.0);
        out.println("    snapshot queries by call site: " + p.snapshotByCallSite().entrySet().stream().limit(4)
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue() / 1000.0))
                .collect(Collectors.joining(", ")));
    }

    private static void printMatch(PrintStream out, String label, DuckDbVisits.Comparison c) {
        out.printf(Locale.ROOT, "visits_monthly Spark = DuckDB, %s %s (Spark %,d rows / %,d visits, DuckDB %,d / %,d;"
                        + " only in Spark %,d, only in DuckDB %,d; columns %s)%n", label, c.match() ? "yes" : "NO",
                c.rowsA(), c.visitsA(), c.rowsB(), c.visitsB(), c.onlyInA(), c.onlyInB(),
                c.schemaA().equals(c.schemaB()) ? "and types equal" : "differ: Spark " + c.schemaA() + ", DuckDB " + c.schemaB());
    }

    /** The ETL's visits_monthly of the current snapshot, as a Parquet glob. */
    private static String currentVisits(Path warehouseDir) {
        Path dir = new Snapshots(warehouseDir).currentDir()
                .orElseThrow(() -> new IllegalStateException("the ETL published no snapshot in " + warehouseDir));
        return dir.resolve(VisitsTables.MONTHLY).toAbsolutePath() + "/*.parquet";
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
