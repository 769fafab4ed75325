package id.slrt.etl;

import id.slrt.etl.objects.ObjectStorageRun;
import id.slrt.etl.quality.QuarantineReport;
import id.slrt.etl.regions.Regions;
import id.slrt.etl.runs.Progress;
import id.slrt.etl.runs.ReportLines;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.etl.samples.SampleManifest;
import id.slrt.etl.staging.RawText;
import id.slrt.warehouse.objects.ObjectLocation;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command line entry point of the ETL module: {@code etl} (exports to warehouse snapshot) and
 * {@code generate} (sample exports). {@code ./slrt etl} and {@code ./slrt generate} call this.
 */
public final class EtlMain {
    static final String USAGE = """
            usage:
              etl      --inbox DIR --warehouse DIR [--state DIR] [--reference DIR] [--master URL] [--keep N] [--force true] [--sla-days 14] [--raw-retention-days 90] [--report-lines true]
                       inbox, warehouse and state may each be an s3://bucket/prefix (or s3a://) URL: docs/cluster.md,
                       "Object storage"; the run then works in --work DIR (default data/state/etl-work)
              quarantine [--warehouse DIR] [--state DIR] [--file PATH]   quarantined rows with their raw text
              sample-check --inbox DIR   exit 0 when the inbox is only ./slrt generate's sample data, 3 for real exports
              generate --out DIR [--seed N] [--scale X] [--from YEAR] [--to YEAR] [--referrals true|false] [--messy true|false] [--reference DIR]
            defaults: --state data/state/etl, --reference data/reference, --master spark-submit's or local[*], --keep 5,
                      --seed %d, --scale %s, --from 2016, --to 2019
            """.formatted(SampleGenerator.Options.DEFAULT_SEED, SampleGenerator.Options.DEFAULT_SCALE);

    private EtlMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Map<String, String> options = options(args);
            switch (args[0]) {
                case "etl" -> etl(options, out);
                case "generate" -> generate(options, out);
                case "quarantine" -> quarantine(options, out);
                case "sample-check" -> {
                    return sampleCheck(options, out);
                }
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("ETL failed: " + e);
            return 1;
        }
    }

    private static void etl(Map<String, String> options, PrintStream out) {
        var where = new ObjectStorageRun.Where(required(options, "inbox"), required(options, "warehouse"),
                options.getOrDefault("state", "data/state/etl"));
        for (String url : List.of(where.inbox(), where.warehouse(), where.state())) {
            if (ObjectLocation.isObjectUrl(url)) {
                ObjectLocation.parse(url); // a malformed URL is a usage error, before Spark starts
            }
        }
        Etl.Config config = new Etl.Config(localPath(where.inbox()), localPath(where.warehouse()),
                Path.of(options.getOrDefault("reference", "data/reference")),
                localPath(where.state()),
                Integer.parseInt(options.getOrDefault("keep", "5")), Boolean.parseBoolean(options.getOrDefault("force", "false")),
                Integer.parseInt(options.getOrDefault("sla-days", String.valueOf(Etl.Config.DEFAULT_SLA_DAYS))),
                Integer.parseInt(options.getOrDefault("raw-retention-days", String.valueOf(RawText.DEFAULT_RETENTION_DAYS))));
        // --report-lines true: progress and outcome as PROGRESS/REPORT/FAILED json lines for the jobs service.
        ReportLines lines = Boolean.parseBoolean(options.getOrDefault("report-lines", "false")) ? new ReportLines(out) : null;
        if (lines != null) {
            ReportLines.stopWhenInputEnds(System.in);
        }
        SparkSession spark = SparkSessions.create(options.get("master"));
        try {
            Etl etl = new Etl(spark, lines == null ? Progress.NONE : lines);
            Etl.Report report;
            if (where.anyRemote()) {
                var outcome = ObjectStorageRun.run(where, Path.of(options.getOrDefault("work", "data/state/etl-work")), config, etl::run);
                report = outcome.report();
                config = outcome.local();
                if (lines == null) {
                    outcome.moved().forEach(out::println);
                }
            } else {
                report = etl.run(config);
            }
            if (lines == null) {
                print(report, config, out);
            } else {
                lines.report(report);
            }
        } catch (RuntimeException e) {
            if (lines != null) {
                lines.failed(e);
            }
            throw e;
        } finally {
            spark.stop();
        }
    }

    /** A local folder as given; an object URL's place is taken by a folder under --work (ObjectStorageRun). */
    private static Path localPath(String where) {
        return ObjectLocation.isObjectUrl(where) ? Path.of("object-storage") : Path.of(where);
    }

    static void print(Etl.Report report, Etl.Config config, PrintStream out) {
        if (report.unchanged()) {
            out.printf(Locale.ROOT, "unchanged %,d files in %s: no new or changed export, CURRENT stays %s%n",
                    report.files(), config.inbox(), report.snapshot());
            return;
        }
        out.printf(Locale.ROOT, "files     %,d in %s (%,d new or changed and parsed, %,d rejected)%n", report.files(),
                config.inbox(), report.filesStaged(), report.filesRejected());
        report.rejectedFiles().forEach(f -> out.println("  rejected " + f));
        out.printf(Locale.ROOT, "rows      read %,d = accepted %,d + quarantined %,d: balanced%n", report.rowsRead(),
                report.rowsAccepted(), report.rowsQuarantined());
        report.quarantinedByReason().forEach((reason, n) -> out.printf(Locale.ROOT, "  quarantined %-24s %,d%n", reason, n));
        out.printf(Locale.ROOT, "wrote     snapshot %s in %s%n", report.snapshot(), config.warehouse());
        out.printf(Locale.ROOT, "CURRENT -> %s; run %s took %.1f s%n", report.snapshot(), report.runId(),
                report.duration().toMillis() / 1000.0);
        if (!report.removedSnapshots().isEmpty()) {
            out.println("removed   " + report.removedSnapshots());
        }
    }

    /** Exit 0 when the inbox holds only unchanged sample data (the demo may run), 3 when it holds real exports. */
    private static int sampleCheck(Map<String, String> options, PrintStream out) {
        Path inbox = Path.of(required(options, "inbox"));
        boolean sample = SampleManifest.covers(inbox);
        out.println(sample ? "sample data: every file in " + inbox + " was written by ./slrt generate"
                : "real exports: " + inbox + " holds files ./slrt generate did not write (or changed)");
        return sample ? 0 : 3;
    }

    private static void quarantine(Map<String, String> options, PrintStream out) {
        SparkSession spark = SparkSessions.create(options.get("master"));
        try {
            new QuarantineReport(spark).print(Path.of(options.getOrDefault("warehouse", "data/warehouse")),
                    Path.of(options.getOrDefault("state", "data/state/etl")), options.get("file"), out);
        } finally {
            spark.stop();
        }
    }

    private static void generate(Map<String, String> options, PrintStream out) {
        var generatorOptions = new SampleGenerator.Options(Path.of(required(options, "out")),
                Long.parseLong(options.getOrDefault("seed", String.valueOf(SampleGenerator.Options.DEFAULT_SEED))),
                Double.parseDouble(options.getOrDefault("scale", String.valueOf(SampleGenerator.Options.DEFAULT_SCALE))),
                Integer.parseInt(options.getOrDefault("from", "2016")),
                Integer.parseInt(options.getOrDefault("to", "2019")),
                Boolean.parseBoolean(options.getOrDefault("referrals", "true")),
                Boolean.parseBoolean(options.getOrDefault("messy", "true")));
        Regions regions = Regions.load(Path.of(options.getOrDefault("reference", "data/reference")));
        var summary = new SampleGenerator(regions).generate(generatorOptions);
        out.printf(Locale.ROOT, "generated %,d visits and %,d referral states in %,d files for up to %d districts into %s%n",
                summary.visits(), summary.referralStates(), summary.files(), summary.districts(), generatorOptions.out());
        if (generatorOptions.messy()) {
            out.printf(Locale.ROOT, "plus %,d bad rows for the quarantine (the clean numbers hold without them;"
                    + " --messy false leaves them out)%n", summary.dirtyRows());
        }
        // Known answers for the early-warning screen (docs/domain.md, "Sample data").
        for (var event : summary.events()) {
            out.printf(Locale.ROOT, "planted: %s in %s, %s to %s%s%n", event.kind(), event.district(), event.from(),
                    event.to(), event.programme() == null ? "" : " (" + event.programme() + ")");
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        List<String> known = List.of("inbox", "warehouse", "state", "work", "force", "sla-days", "raw-retention-days", "report-lines", "file", "reference", "master", "keep", "out", "seed", "scale",
                "from", "to", "referrals", "messy");
        options.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("unknown option --" + k);
        });
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
