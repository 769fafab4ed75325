package id.slrt.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;

import id.slrt.bench.product.ServiceProcess;
import id.slrt.etl.Etl;
import id.slrt.etl.Folders;
import id.slrt.etl.SparkSessions;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.warehouse.Snapshots;

/**
 * {@code BenchMain load}: N simulated users on the real dashboard (its runnable jar, a separate process
 * on loopback) for S seconds, then the same while a new month of exports arrives and the ETL publishes a
 * new snapshot.
 *
 * <ol>
 *   <li>sample exports (the project's generator) with the last month kept aside; the ETL in this JVM
 *       (Spark {@code local[2]}) writes the first snapshot while the dashboard starts;</li>
 *   <li>warm-up: each demo user opens every screen and calls every API endpoint once (not measured: the
 *       first request after a start or a new snapshot loads the snapshot's tables into DuckDB);</li>
 *   <li>main phase: the users sign in (form login) and load pages ({@link VaadinBrowser}: app shell,
 *       init, navigation, which runs the view's queries) and call the API ({@link ApiClient}, HTTP Basic),
 *       with a think time, every answer checked; per request kind and per user action: count, errors,
 *       p50/p95/p99; throughput;</li>
 *   <li>ETL phase: fewer users keep loading while the last month's exports move into the inbox and the
 *       ETL runs again; the health endpoint and the API's answers show when the new snapshot is served.</li>
 * </ol>
 * The last line is {@code p95: N ms, errors: N}: the p95 of the main phase's user actions (a page load is
 * its three requests in a row), and the errors of all phases.
 */
public final class LoadBench {

    public record Options(int users, int seconds, int etlUsers, Duration think, double apiShare, Duration timeout,
                          Path dashboardJar, Path reference, double scale, int fromYear, int toYear, long seed, Path work,
                          boolean keep, int afterSwitchSeconds, int instances) {
        static final List<String> NAMES = List.of("users", "seconds", "etl-users", "think-ms", "api-share",
                "timeout-ms", "dashboard-jar", "reference", "scale", "from", "to", "seed", "work", "keep",
                "after-switch-seconds", "instances");

        public Options {
            check(users >= 1 && users <= 1000, "--users must be 1 to 1000");
            check(seconds >= 1 && seconds <= 3600, "--seconds must be 1 to 3600");
            check(etlUsers >= 0 && etlUsers <= 1000, "--etl-users must be 0 to 1000");
            check(!think.isNegative() && think.toSeconds() <= 600, "--think-ms must be 0 to 600000");
            check(apiShare >= 0 && apiShare <= 1, "--api-share must be between 0 and 1");
            check(timeout.toMillis() >= 100 && timeout.toSeconds() <= 300, "--timeout-ms must be 100 to 300000");
            check(scale > 0, "--scale must be positive");
            check(fromYear >= 2016 && fromYear < toYear, "--from must be 2016 or later and before --to (the screens"
                    + " ask for the full years before --to, which the ETL phase's new month leaves alone)");
            check(afterSwitchSeconds >= 0 && afterSwitchSeconds <= 600, "--after-switch-seconds must be 0 to 600");
            check(instances >= 1 && instances <= 4, "--instances must be 1 to 4");
        }

        /** Parses {@code --name value} pairs; paths are relative to the working directory (the repository root under ./slrt). */
        public static Options parse(String[] args) {
            Map<String, String> o = new HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
                }
                String name = args[i].substring(2);
                check(NAMES.contains(name), "unknown option --" + name);
                o.put(name, args[i + 1]);
            }
            try {
                Options options = new Options(Integer.parseInt(o.getOrDefault("users", "50")),
                        Integer.parseInt(o.getOrDefault("seconds", "60")),
                        Integer.parseInt(o.getOrDefault("etl-users", "10")),
                        Duration.ofMillis(Long.parseLong(o.getOrDefault("think-ms", "1000"))),
                        Double.parseDouble(o.getOrDefault("api-share", "0.3")),
                        Duration.ofMillis(Long.parseLong(o.getOrDefault("timeout-ms", "10000"))),
                        Path.of(o.getOrDefault("dashboard-jar", "dashboard/target/slrt-dashboard-exec.jar")),
                        Path.of(o.getOrDefault("reference", "data/reference")),
                        Double.parseDouble(o.getOrDefault("scale", "0.02")),
                        Integer.parseInt(o.getOrDefault("from", "2016")),
                        Integer.parseInt(o.getOrDefault("to", "2019")),
                        Long.parseLong(o.getOrDefault("seed", String.valueOf(SampleGenerator.Options.DEFAULT_SEED))),
                        o.containsKey("work") ? Path.of(o.get("work")) : null,
                        Boolean.parseBoolean(o.getOrDefault("keep", "false")),
                        Integer.parseInt(o.getOrDefault("after-switch-seconds", "5")),
                        Integer.parseInt(o.getOrDefault("instances", "1")));
                check(Files.isRegularFile(options.dashboardJar()), "dashboard jar not found: "
                        + options.dashboardJar().toAbsolutePath() + " (./slrt build makes it)");
                check(Files.isDirectory(options.reference()), "reference folder not found: "
                        + options.reference().toAbsolutePath());
                check(options.work() == null || !Files.exists(options.work()) || isEmptyFolder(options.work()),
                        "--work " + options.work() + " must be an empty folder or not exist");
                return options;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + e.getMessage());
            }
        }

        private static boolean isEmptyFolder(Path dir) {
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.findAny().isEmpty();
            } catch (IOException e) {
                return false;
            }
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** What the ETL phase showed. */
    public record EtlPhase(String oldSnapshot, String newSnapshot, double etlSeconds, Double healthSwitchSeconds,
                           Double apiSwitchSeconds, boolean checkedYearsUnchanged, Recorder.Summary actions,
                           Map<String, Recorder.Summary> requests, int errors) {
        /** The health endpoint reported the new snapshot. */
        public boolean switched() {
            return healthSwitchSeconds != null;
        }
    }

    /**
     * @param main     the main phase's requests by kind
     * @param checks   content checks that passed in the main phase, by check
     * @param etl      null when {@code --etl-users 0}
     * @param errors   errors of all phases (warm-up, main, ETL)
     */
    public record Result(Map<String, Recorder.Summary> main, Recorder.Summary mainActions, Map<String, Integer> checks,
                         EtlPhase etl, int errors, String lastLine, Instances.Failover failover) {
        public boolean ok() {
            return errors == 0 && (etl == null || (etl.switched() && etl.checkedYearsUnchanged()));
        }
    }

    private LoadBench() {
    }

    public static Result run(Options options, PrintStream out) throws Exception {
        Path work = options.work() != null ? Files.createDirectories(options.work())
                : Files.createTempDirectory("slrt-bench-load-");
        out.printf(Locale.ROOT, "work folder %s (%s at the end); %d cores, Java %s%n", work,
                options.keep() ? "kept" : "deleted", Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature());
        try {
            return run(options, work, out);
        } finally {
            if (!options.keep()) {
                Folders.delete(work);
            }
        }
    }

    private static Result run(Options options, Path work, PrintStream out) throws Exception {
        // A copy: a rebuild of the dashboard during the run must not change the jar under the running process.
        Path jar = Files.copy(options.dashboardJar(), work.resolve("slrt-dashboard-exec.jar"));
        Path warehouse = work.resolve("warehouse");
        long t = System.nanoTime();
        SampleInbox sample = SampleInbox.generate(options.reference(), work, options.seed(), options.scale(),
                options.fromYear(), options.toYear());
        SampleGenerator.Summary s = sample.summary();
        out.printf(Locale.ROOT, "sample exports: %,d visits and %,d referral states in %,d files (scale %s, %d-%d,"
                        + " %d districts), %d files of %s kept aside; %.1f s%n", s.visits(), s.referralStates(), s.files(),
                options.scale(), options.fromYear(), options.toYear(), s.districts(), sample.lastMonthFiles(),
                sample.lastMonth(), seconds(t));

        t = System.nanoTime();
        try (Instances dashboards = Instances.start(options.instances(), jar, work, warehouse)) {
            ServiceProcess dashboard = dashboards.first();
            SparkSession spark = SparkSessions.create("local[2]");
            try {
                Etl etl = new Etl(spark);
                Etl.Config config = new Etl.Config(sample.inbox(), warehouse, options.reference(), work.resolve("state"), 5);
                Etl.Report first = etl.run(config);
                out.printf(Locale.ROOT, "ETL in this JVM (Spark %s): snapshot %s, %,d rows accepted, %,d quarantined;"
                                + " %.1f s with the session start, the dashboard starting meanwhile%n",
                        spark.sparkContext().master(), first.snapshot(), first.rowsAccepted(), first.rowsQuarantined(),
                        seconds(t));
                dashboards.awaitHealthy(Duration.ofMinutes(3));
                out.printf(Locale.ROOT, "dashboard %s (pid %s, its own JVM%s, profile demo) answers on %s, %.1f s after"
                        + " its start%n", options.dashboardJar(), dashboards.pids(), dashboards.describe(),
                        dashboards.url(), seconds(t));
                return load(options, out, dashboards, etl, config, sample, first.snapshot(), warehouse);
            } finally {
                spark.stop();
            }
        }
    }

    private static Result load(Options options, PrintStream out, Instances dashboards, Etl etl, Etl.Config config,
                               SampleInbox sample, String firstSnapshot, Path warehouse) throws Exception {
        ServiceProcess dashboard = dashboards.first();
        Path snapshotDir = new Snapshots(warehouse).currentDir().orElseThrow();
        Expectations expectations = Expectations.read(snapshotDir);
        List<Integer> years = IntStream.range(options.fromYear(), options.toYear()).boxed().toList();
        Workload workload = new Workload(expectations, years, options.apiShare());
        Http http = new Http(dashboards.url(), options.timeout());
        try (HttpClient apiClient = Http.client(false)) {
            int warmUpErrors = warmUp(http, apiClient, workload, options.seed(), out);

            Recorder main = mainPhase(options, out, http, apiClient, workload, years, dashboard.pid(), dashboards);

            EtlPhase etlPhase = null;
            if (options.etlUsers() > 0) {
                etlPhase = etlPhase(options, out, http, apiClient, workload, etl, config, sample, firstSnapshot,
                        expectations, years, warehouse, dashboard.pid());
            } else {
                out.println("\nETL phase skipped (--etl-users 0)");
            }

            Recorder.Summary actions = main.allActions();
            long p95 = (long) Math.ceil(actions.p95());
            int errors = warmUpErrors + main.errors() + (etlPhase == null ? 0 : etlPhase.errors());
            out.printf(Locale.ROOT, "%nmain phase: %d users, %,d user actions (a page load is its 3 requests in a row),"
                            + " p95 %d ms (target 500; over single requests %s ms); errors in all phases: %d (warm-up %d,"
                            + " main %d, ETL phase %s)%n", options.users(), actions.count(), p95,
                    LoadReport.ms(main.allRequests().p95()), errors, warmUpErrors, main.errors(),
                    etlPhase == null ? "-" : String.valueOf(etlPhase.errors()));
            Instances.Failover failover = dashboards.failover(main);
            if (failover != null) {
                out.println(failover.describe());
            }
            String last = String.format(Locale.ROOT, "p95: %d ms, errors: %d", p95, errors);
            out.println(last);
            return new Result(main.requests(), actions, main.checks(), etlPhase, errors, last, failover);
        }
    }

    /** The measured phase: the users for --seconds, then its figures. */
    private static Recorder mainPhase(Options options, PrintStream out, Http http, HttpClient apiClient, Workload workload,
                                      List<Integer> years, long dashboardPid, Instances dashboards) throws InterruptedException {
        long thinkMin = options.think().toMillis() / 2;
        out.printf(Locale.ROOT, "%nmain phase: %d users for %d s, each its own session; think time %d-%d ms;"
                        + " %.0f%% page loads of the screens (years %d-%d, regions in the user's scope), %.0f%% API"
                        + " calls; time limit %d ms a request%n", options.users(), options.seconds(), thinkMin,
                options.think().toMillis() + thinkMin, 100 * (1 - options.apiShare()), years.getFirst(),
                years.getLast(), 100 * options.apiShare(), options.timeout().toMillis());
        LoadPhase.Pacing pacing = new LoadPhase.Pacing(options.think(),
                Duration.ofMillis(Math.min(5_000, options.seconds() * 1000L / 6)));
        CpuMeter cpu = new CpuMeter(dashboardPid);
        LoadPhase main = new LoadPhase(http, apiClient, workload, pacing).start(options.users(), options.seed());
        if (dashboards.size() > 1) {
            // Half-way, one instance is stopped (SIGTERM, as a rolling restart would): its users move.
            Thread.sleep(Duration.ofMillis(options.seconds() * 500L));
            dashboards.stopOne(main.recorder(), http, out);
            Thread.sleep(Duration.ofMillis(options.seconds() * 500L));
        } else {
            Thread.sleep(Duration.ofSeconds(options.seconds()));
        }
        main.stop();
        main.await(options.timeout().multipliedBy(3));
        LoadReport.print(out, main.recorder());
        out.println("  " + cpu.summary(main.recorder().allActions().count()));
        long rampEnd = main.recorder().startNanos() + pacing.rampUp().toNanos() + Duration.ofSeconds(5).toNanos();
        printWindow(out, "in the first " + (pacing.rampUp().toSeconds() + 5) + " s (users arriving, signing in)",
                main.recorder().actionsBetween(main.recorder().startNanos(), rampEnd));
        printWindow(out, "after that", main.recorder().actionsBetween(rampEnd, System.nanoTime()));
        return main.recorder();
    }

    /** Each demo user opens every screen and calls every endpoint once; errors count, times do not. */
    private static int warmUp(Http http, HttpClient apiClient, Workload workload, long seed, PrintStream out) {
        long t = System.nanoTime();
        Recorder recorder = new Recorder();
        SplittableRandom random = new SplittableRandom(seed);
        for (DemoUser user : DemoUser.ALL) {
            try (VaadinBrowser browser = new VaadinBrowser(http, recorder)) {
                browser.signIn(user);
                ApiClient api = new ApiClient(http, apiClient, recorder);
                for (Workload.Action action : workload.everything(user, random)) {
                    switch (action) {
                        case Workload.PageLoad page -> {
                            browser.leave();
                            browser.open(page);
                        }
                        case Workload.ApiCall call -> api.call(user, call);
                    }
                }
            } catch (Http.Failure e) {
                // recorded
            }
        }
        out.printf(Locale.ROOT, "warm-up (not in the figures): each demo user opened every screen it may see and"
                + " called every API endpoint once: %d requests in %.1f s, %d errors%n",
                recorder.allRequests().count(), seconds(t), recorder.errors());
        recorder.firstErrors().forEach(e -> out.println("    " + e));
        return recorder.errors();
    }

    private static EtlPhase etlPhase(Options options, PrintStream out, Http http, HttpClient apiClient, Workload workload,
                                     Etl etl, Etl.Config config, SampleInbox sample, String oldSnapshot,
                                     Expectations expectations, List<Integer> years, Path warehouse, long dashboardPid)
            throws Exception {
        out.printf(Locale.ROOT, "%nETL phase: %d users keep loading while the %d exports of %s arrive and the ETL runs"
                        + " again in this JVM; the health endpoint is polled every 250 ms%n", options.etlUsers(),
                sample.lastMonthFiles(), sample.lastMonth());
        LoadPhase.Pacing pacing = new LoadPhase.Pacing(options.think(), Duration.ofSeconds(1));
        LoadPhase phase = new LoadPhase(http, apiClient, workload, pacing);
        Recorder recorder = phase.recorder();
        Etl.Report report;
        long etlStart;
        long etlEnd;
        Long healthSwitch;
        CpuMeter cpu = new CpuMeter(dashboardPid);
        try (SnapshotWatch watch = new SnapshotWatch(http, apiClient, recorder, Duration.ofMillis(250))) {
            try {
                phase.start(options.etlUsers(), options.seed() + 1);
                Thread.sleep(3_000); // users on the old snapshot first
                sample.deliverLastMonth();
                etlStart = System.nanoTime();
                try {
                    report = etl.run(config);
                } finally {
                    etlEnd = System.nanoTime();
                }
                boolean seen = !report.unchanged() && watch.awaitSnapshot(report.snapshot(), Duration.ofSeconds(60));
                Thread.sleep(Duration.ofSeconds(options.afterSwitchSeconds()));
                // Users go on until one has had an API answer from the new snapshot (bounded).
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (seen && recorder.firstServed(report.snapshot()) == null && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                healthSwitch = seen ? watch.firstSeen(report.snapshot()) : null;
            } finally {
                phase.stop();
                phase.await(options.timeout().multipliedBy(3));
            }
        }
        Long apiSwitch = recorder.firstServed(report.snapshot());
        Path newDir = new Snapshots(warehouse).currentDir().orElseThrow();
        boolean unchanged = expectations.sameVisits(Expectations.read(newDir), years);

        out.printf(Locale.ROOT, "  ETL run: %.1f s, %d new files parsed, snapshot %s -> %s%n", (etlEnd - etlStart) / 1e9,
                report.filesStaged(), oldSnapshot, report.snapshot());
        out.printf(Locale.ROOT, "  new snapshot first reported by /actuator/health at %s, first in a user's API answer at"
                        + " %s; last API answer from the old snapshot at %s (seconds from the ETL's start; the ETL"
                        + " returned at +%.1f s)%n", since(etlStart, healthSwitch), since(etlStart, apiSwitch),
                since(etlStart, recorder.lastServed(oldSnapshot)), (etlEnd - etlStart) / 1e9);
        out.printf(Locale.ROOT, "  visits of %d-%d the same in both snapshots (the screens' and API's checks hold"
                + " across the switch): %s%n", years.getFirst(), years.getLast(), unchanged ? "yes" : "NO");
        long end = System.nanoTime();
        printWindow(out, "before the ETL", recorder.actionsBetween(recorder.startNanos(), etlStart));
        printWindow(out, "while the ETL ran", recorder.actionsBetween(etlStart, etlEnd));
        if (healthSwitch != null) {
            printWindow(out, "after the switch", recorder.actionsBetween(healthSwitch, end));
        }
        LoadReport.print(out, recorder);
        out.println("  " + cpu.summary(recorder.allActions().count()) + "; Spark's ETL runs in this JVM");
        return new EtlPhase(oldSnapshot, report.snapshot(), (etlEnd - etlStart) / 1e9,
                healthSwitch == null ? null : (healthSwitch - etlStart) / 1e9,
                apiSwitch == null ? null : (apiSwitch - etlStart) / 1e9, unchanged, recorder.allActions(),
                recorder.requests(), recorder.errors());
    }

    private static void printWindow(PrintStream out, String when, Recorder.Summary s) {
        out.printf(Locale.ROOT, "  user actions %s: %d, errors %d, p50 %s ms, p95 %s ms, max %s ms%n", when,
                s.count(), s.errors(), LoadReport.ms(s.p50()), LoadReport.ms(s.p95()), LoadReport.ms(s.max()));
    }

    private static String since(long start, Long at) {
        return at == null ? "never" : String.format(Locale.ROOT, "+%.1f s", (at - start) / 1e9);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
