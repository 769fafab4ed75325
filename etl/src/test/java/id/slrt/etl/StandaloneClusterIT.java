package id.slrt.etl;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.warehouse.objects.ObjectLocation;
import id.slrt.warehouse.objects.ObjectStore;
import id.slrt.warehouse.objects.RemoteSnapshots;
import id.slrt.warehouse.objects.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same jar on a real Spark standalone cluster: a master and a worker started from this module's own
 * runtime jars ({@code target/lib}) on 127.0.0.1, the ETL submitted to it exactly as {@code ./slrt etl
 * --master spark://...} does, and its snapshot compared, table by table, with the snapshot of the same
 * command on {@code local[*]}.
 *
 * <p>An integration test (failsafe, after {@code package}): the executors need {@code target/slrt-etl.jar}.
 * Everything it starts and writes, logs included, is in {@code target/it/standalone-cluster/}, kept after
 * the run: {@code master.log}, {@code worker.log}, {@code work/APP/0/stderr} (the executor),
 * {@code etl-local.log}, {@code etl-cluster.log} (the drivers) and {@code comparison.txt}.
 *
 * <p>Object storage (docs/cluster.md, "Object storage"): the cluster run keeps its inbox, state and warehouse
 * on a real S3-compatible server (S3Proxy, started here), and a second local[*] run does the same under
 * another prefix; both published snapshots, fetched back as a dashboard fetches them, must equal the
 * local-folder run table by table. Then a run killed while it publishes must leave the previous snapshot
 * current.
 */
class StandaloneClusterIT {
    static final Path ETL_DIR = Path.of("").toAbsolutePath();
    static final Path OUT = ETL_DIR.resolve("target/it/standalone-cluster");
    static final Path ETL_JAR = Path.of(System.getProperty("slrt.etl.jar", "target/slrt-etl.jar")).toAbsolutePath();
    static final Path LIB = Path.of(System.getProperty("slrt.etl.lib", "target/lib")).toAbsolutePath();
    /** As ./slrt's JVM_FLAGS: quiet JDK 25 about Hadoop's native loader and sun.misc.Unsafe. */
    static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow");
    /** One key for both runs, so even the staged pseudonyms are the same (the tables hold counts only). */
    static final String PSEUDONYM_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration ETL_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Columns that name or time the run itself and so differ between any two runs: the run id (its UTC start
     * time), the snapshot's folder name (from the same time), start, finish and build times, and the staging
     * batch a file's rows were parsed into (the run id of the run that parsed it). Everything else must be
     * equal, row for row.
     */
    static final Map<String, List<String>> RUN_SPECIFIC = Map.of(
            "runs", List.of("run_id", "started_at", "finished_at", "snapshot"),
            "snapshot", List.of("snapshot", "run_id", "built_at"),
            "files", List.of("batch"));

    static Child master;
    static Child worker;
    static String masterUrl;
    static String appId;
    static Run local;
    static Run cluster;
    static Run objectsLocal;
    static S3ProxyServer s3;
    static ObjectStore store;
    static final String BUCKET = "slrt-it";
    static final Map<String, Long> seconds = new LinkedHashMap<>();

    record Run(int exitCode, Path log, Path warehouse, String snapshot) {
        String output() {
            return read(log);
        }
    }

    @BeforeAll
    static void startAClusterAndRunTheEtlLocallyAndOnIt() throws Exception {
        long t0 = System.nanoTime();
        assertThat(ETL_JAR).as("run after package: mvn verify").isRegularFile();
        Folders.delete(OUT);
        Files.createDirectories(OUT);
        Path sparkHome = sparkHome();

        Path inbox = OUT.resolve("inbox");
        var summary = new SampleGenerator(Regions.load(TestExports.REFERENCE))
                .generate(new SampleGenerator.Options(inbox, 11, 0.005, 2018, 2018, true, true));
        System.out.printf(Locale.ROOT, "sample: %,d visits, %,d referral states, %,d bad rows in %,d files%n",
                summary.visits(), summary.referralStates(), summary.dirtyRows(), summary.files());

        Runtime.getRuntime().addShutdownHook(new Thread(StandaloneClusterIT::stopCluster));
        s3 = S3ProxyServer.start(Files.createDirectories(OUT.resolve("s3")), BUCKET);
        s3.configureThisJvm();
        store = ObjectStore.fromEnvironment();
        for (String prefix : List.of("cluster", "local")) {
            uploadInbox(inbox, ObjectLocation.parse("s3://" + BUCKET + "/" + prefix + "/inbox"));
        }
        Map<String, String> daemonEnv = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1");
        List<String> daemonJvmArgs = List.of("-Xmx512m", "-Dspark.master.rest.enabled=false",
                "-Dorg.slf4j.simpleLogger.log.org.sparkproject.jetty=warn", "-cp", sparkHome.resolve("jars") + "/*");
        master = Child.start("master", OUT, daemonEnv, daemonJvmArgs, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
        masterUrl = master.await(Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)"),
                START_TIMEOUT).group(1);
        worker = Child.start("worker", OUT, daemonEnv, daemonJvmArgs, "org.apache.spark.deploy.worker.Worker",
                masterUrl, "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--webui-port", "0",
                "--work-dir", OUT.resolve("work").toString());
        seconds.put("sample and cluster start", (System.nanoTime() - t0) / 1_000_000_000);

        // The reference: the same command without --master (local[*]), while the worker registers.
        long t1 = System.nanoTime();
        local = etl("local", null, false);
        seconds.put("ETL local[*]", (System.nanoTime() - t1) / 1_000_000_000);
        master.await(Pattern.compile("Registering worker 127\\.0\\.0\\.1:\\d+ with 2 cores"), START_TIMEOUT);

        long t2 = System.nanoTime();
        cluster = etl("cluster", masterUrl, true);
        seconds.put("ETL " + masterUrl + " on object storage", (System.nanoTime() - t2) / 1_000_000_000);
        long t3 = System.nanoTime();
        objectsLocal = etl("local-objects", null, true);
        seconds.put("ETL local[*] on object storage", (System.nanoTime() - t3) / 1_000_000_000);
        appId = master.await(Pattern.compile("Registered app slrt-etl with ID (app-\\S+)"), START_TIMEOUT).group(1);
    }

    @AfterAll
    static void stopCluster() {
        // Worker first: it kills its executors on the way down.
        if (worker != null) {
            worker.stop();
        }
        if (master != null) {
            master.stop();
        }
        if (store != null) {
            store.close();
            s3.close();
        }
    }

    private static void uploadInbox(Path inbox, ObjectLocation at) throws IOException {
        try (Stream<Path> files = Files.walk(inbox)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                store.put(at, inbox.relativize(file).toString(), file);
            }
        }
    }

    @Test
    void bothRunsSucceedAndBalanceTheSameRows() {
        assertThat(local.exitCode()).as("local run, see %s", local.log()).isZero();
        assertThat(cluster.exitCode()).as("cluster run, see %s", cluster.log()).isZero();
        String balance = balanceLine(local);
        assertThat(balance).as("local run's output, see %s", local.log())
                .matches("rows {6}read [\\d,]+ = accepted [\\d,]+ \\+ quarantined [\\d,]+: balanced");
        Matcher m = Pattern.compile("read ([\\d,]+) = accepted ([\\d,]+) \\+ quarantined ([\\d,]+)").matcher(balance);
        assertThat(m.find()).isTrue();
        long read = number(m.group(1));
        assertThat(number(m.group(2)) + number(m.group(3))).isEqualTo(read);
        assertThat(number(m.group(3))).as("the messy sample has bad rows").isPositive();
        assertThat(balanceLine(cluster)).isEqualTo(balance);
        assertThat(quarantineLines(cluster)).isNotEmpty().isEqualTo(quarantineLines(local));
    }

    @Test
    void theClusterRunRanOnTheWorkersExecutorWithTheShippedJar() {
        String masterLog = master.output();
        assertThat(masterLog).contains("Registering app slrt-etl")
                .containsPattern("Launching executor " + Pattern.quote(appId)
                        + "/0 on worker worker-\\S+-127\\.0\\.0\\.1-\\d+");
        // The local[*] run never reached the master: one application in all.
        assertThat(Pattern.compile("Registering app ").matcher(masterLog).results().count()).isEqualTo(1);
        assertThat(worker.output()).contains("Asked to launch executor " + appId + "/0 for slrt-etl");

        Path executorLog = OUT.resolve("work").resolve(appId).resolve("0").resolve("stderr");
        String executor = read(executorLog);
        assertThat(executor).as(executorLog.toString())
                .contains("Starting executor ID 0 on host 127.0.0.1")
                .containsPattern("Fetching spark://127\\.0\\.0\\.1:\\d+/jars/slrt-etl\\.jar")
                .containsPattern("Adding file:\\S+/slrt-etl\\.jar to class loader");
        long tasks = Pattern.compile("Finished task \\S+ in stage").matcher(executor).results().count();
        assertThat(tasks).as("tasks the executor finished").isGreaterThan(10);
        // Parsing needs the ETL's own classes on the executor: none failed to load.
        assertThat(executor).doesNotContain("ClassNotFoundException");
        assertThat(cluster.output()).doesNotContain("Lost task");
        System.out.printf(Locale.ROOT, "executor 0 of %s finished %d tasks; log %s%n", appId, tasks, executorLog);
    }

    @Test
    void everyTableOfTheClusterSnapshotOnObjectStorageEqualsTheLocalFolderRun() throws SQLException, IOException {
        compare(cluster, "comparison.txt");
    }

    @Test
    void everyTableOfTheLocalRunOnObjectStorageEqualsTheLocalFolderRun() throws SQLException, IOException {
        compare(objectsLocal, "comparison-local-objects.txt");
        assertThat(objectsLocal.output()).contains("published " + objectsLocal.snapshot() + " to s3a://" + BUCKET
                + "/local/warehouse");
    }

    @Test
    void aRunKilledWhilePublishingLeavesThePreviousSnapshotCurrent() throws Exception {
        ObjectLocation warehouse = ObjectLocation.parse("s3://" + BUCKET + "/local/warehouse");
        RemoteSnapshots remote = new RemoteSnapshots(store, warehouse);
        String before = remote.current().orElseThrow();
        // A new export arrives, so the next run has a new snapshot to publish.
        Path extra = OUT.resolve("extra");
        new SampleGenerator(Regions.load(TestExports.REFERENCE))
                .generate(new SampleGenerator.Options(extra, 12, 0.002, 2019, 2019, false, false));
        uploadInbox(extra, ObjectLocation.parse("s3://" + BUCKET + "/local/inbox"));

        Child run = Child.start("etl-killed", ETL_DIR, childEnv(), List.of("-cp", ETL_JAR + ":" + LIB + "/*"),
                EtlMain.class.getName(), objectArgs("local", "local-objects").toArray(String[]::new));
        Path blobs = s3.bucketDir(BUCKET).resolve(warehouse.prefix());
        String killedIn = null;
        long deadline = System.nanoTime() + ETL_TIMEOUT.toNanos();
        while (killedIn == null && run.process.isAlive() && System.nanoTime() < deadline) {
            try (Stream<Path> dirs = Files.list(blobs)) {
                killedIn = dirs.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("snapshot-") && !n.equals(before)).findFirst().orElse(null);
            }
            if (killedIn == null) {
                Thread.sleep(2);
            }
        }
        // SIGKILL, as a power cut or the OOM killer would: no shutdown hook, no clean-up.
        run.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(killedIn).as("the run must be killed while it uploads a new snapshot; %s:%n%s", run.log, run.tail(30))
                .isNotNull();
        assertThat(run.output()).as("killed before its switch").doesNotContain("published ");

        assertThat(remote.current()).as("CURRENT after a run killed while uploading %s", killedIn).contains(before);
        Path reader = OUT.resolve("reader-after-kill");
        assertThat(remote.fetch(reader, RemoteSnapshots.DEFAULT_MAX_SNAPSHOT_BYTES)).contains(before);
        compare(new Run(0, run.log, reader, before), "comparison-after-kill.txt");
        // The dead run's lease is still on the store: the next run waits for it to expire, and says so.
        assertThat(store.read(ObjectLocation.parse("s3://" + BUCKET + "/local/state"), "RUN-LOCK", 1024)).isPresent();
    }

    private static void compare(Run other, String reportFile) throws SQLException, IOException {
        List<String> tables = tables(local.warehouse().resolve(local.snapshot()));
        assertThat(tables).contains("visits_monthly", "referrals_monthly", "quarantine", "files", "runs", "snapshot");
        assertThat(tables(other.warehouse().resolve(other.snapshot()))).isEqualTo(tables);

        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "%-20s %8s %8s %11s %13s  %s", "table", "local", "cluster",
                "only local", "only cluster", "columns left out (run-specific)"));
        List<String> differences = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String table : tables) {
                String a = parquet(local, table);
                String b = parquet(other, table);
                List<List<String>> schema = TestWarehouse.rows(duckdb, "DESCRIBE SELECT * FROM " + a);
                assertThat(TestWarehouse.rows(duckdb, "DESCRIBE SELECT * FROM " + b)).as(table).isEqualTo(schema);
                List<String> excluded = new ArrayList<>(RUN_SPECIFIC.getOrDefault(table, List.of()));
                if (table.equals("files")) {
                    // The inbox on the store: a file's time is its object's upload time, not the local file's.
                    excluded.add("modified");
                }
                List<String> columns = schema.stream().map(c -> c.get(0)).toList();
                assertThat(columns).as(table).containsAll(excluded);
                String select = columns.stream().filter(c -> !excluded.contains(c)).map(c -> '"' + c + '"')
                        .reduce((x, y) -> x + ", " + y).orElseThrow();
                long rowsA = count(duckdb, "SELECT count(*) FROM " + a);
                long rowsB = count(duckdb, "SELECT count(*) FROM " + b);
                long onlyA = count(duckdb, "SELECT count(*) FROM (SELECT %s FROM %s EXCEPT ALL SELECT %s FROM %s)"
                        .formatted(select, a, select, b));
                long onlyB = count(duckdb, "SELECT count(*) FROM (SELECT %s FROM %s EXCEPT ALL SELECT %s FROM %s)"
                        .formatted(select, b, select, a));
                report.add(String.format(Locale.ROOT, "%-20s %8d %8d %11d %13d  %s", table, rowsA, rowsB, onlyA, onlyB,
                        excluded.isEmpty() ? "-" : String.join(", ", excluded)));
                if (rowsA != rowsB || onlyA != 0 || onlyB != 0 || rowsA == 0) {
                    differences.add(table + ": " + rowsA + " rows local, " + rowsB + " on the cluster, " + onlyA
                            + " only local, " + onlyB + " only on the cluster; first differing rows: "
                            + TestWarehouse.rows(duckdb, "SELECT %s FROM %s EXCEPT ALL SELECT %s FROM %s LIMIT 3"
                            .formatted(select, a, select, b)));
                }
            }
        }
        seconds.forEach((phase, s) -> report.add("time " + phase + ": " + s + " s"));
        Files.write(OUT.resolve(reportFile), report, StandardCharsets.UTF_8);
        report.forEach(System.out::println);
        assertThat(differences).as("tables that differ (rows of an empty table cannot prove anything)").isEmpty();
    }

    /**
     * One {@code EtlMain etl} in its own JVM, with ./slrt's class path and flags, from the module folder; on
     * object storage its three folders are {@code s3://slrt-it/NAME/...} and the snapshot compared is the one
     * fetched back from the store into {@code NAME/reader}, as a dashboard instance fetches it.
     */
    private static Run etl(String name, String sparkMaster, boolean objects) throws IOException, InterruptedException {
        Path dir = OUT.resolve(name);
        List<String> args = objects ? objectArgs(name.replace("-objects", ""), name) : new ArrayList<>(List.of("etl",
                // Relative paths, as ./slrt etl is used: Spark must resolve them on the driver, not the executor.
                "--inbox", ETL_DIR.relativize(OUT.resolve("inbox")).toString(),
                "--warehouse", ETL_DIR.relativize(dir.resolve("warehouse")).toString(),
                "--state", ETL_DIR.relativize(dir.resolve("state")).toString(),
                "--reference", TestExports.REFERENCE.toString()));
        if (sparkMaster != null) {
            args.addAll(List.of("--master", sparkMaster));
        }
        Child driver = Child.start("etl-" + name, ETL_DIR, childEnv(),
                List.of("-cp", ETL_JAR + ":" + LIB + "/*"), EtlMain.class.getName(), args.toArray(String[]::new));
        int exit = driver.waitFor(ETL_TIMEOUT);
        Path warehouse = dir.resolve(objects ? "reader" : "warehouse");
        if (objects) {
            new RemoteSnapshots(store, ObjectLocation.parse("s3://" + BUCKET + "/" + name.replace("-objects", "") + "/warehouse"))
                    .fetch(warehouse, RemoteSnapshots.DEFAULT_MAX_SNAPSHOT_BYTES);
        }
        Path current = warehouse.resolve("CURRENT");
        String snapshot = Files.isRegularFile(current) ? Files.readString(current).strip() : null;
        assertThat(snapshot).as("%s run published nothing (exit %d), see %s:%n%s", name, exit, driver.log,
                driver.tail(40)).isNotNull();
        return new Run(exit, driver.log, warehouse, snapshot);
    }

    private static List<String> objectArgs(String prefix, String work) {
        String at = "s3a://" + BUCKET + "/" + prefix;
        return new ArrayList<>(List.of("etl", "--inbox", at + "/inbox", "--warehouse", at + "/warehouse",
                "--state", at + "/state", "--work", ETL_DIR.relativize(OUT.resolve(work).resolve("work")).toString(),
                "--reference", TestExports.REFERENCE.toString()));
    }

    private static Map<String, String> childEnv() {
        Map<String, String> env = new LinkedHashMap<>(s3.environment());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SLRT_PSEUDONYM_KEY", PSEUDONYM_KEY);
        return env;
    }

    /**
     * A Spark home the worker's executors accept: a RELEASE file and jars/ with the runtime jars (links to
     * target/lib), so ExecutorRunner finds the class path. The ETL's own jar is not there: the driver ships it.
     */
    private static Path sparkHome() throws IOException {
        Path home = OUT.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.writeString(home.resolve("RELEASE"), "Spark 4.2.0 (the Maven jars of slrt-etl's target/lib)\n");
        try (Stream<Path> lib = Files.list(LIB)) {
            for (Path jar : lib.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try {
                    Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
                } catch (UnsupportedOperationException | IOException e) {
                    Files.copy(jar, jars.resolve(jar.getFileName()));
                }
            }
        }
        assertThat(jars.resolve("spark-core_2.13-4.2.0.jar")).exists();
        return home;
    }

    private static String parquet(Run run, String table) {
        return "read_parquet('" + run.warehouse().resolve(run.snapshot()).resolve(table) + "/*.parquet')";
    }

    private static long count(Connection duckdb, String sql) {
        return Long.parseLong(TestWarehouse.rows(duckdb, sql).get(0).get(0));
    }

    private static List<String> tables(Path snapshot) throws IOException {
        try (Stream<Path> dirs = Files.list(snapshot)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String balanceLine(Run run) {
        return run.output().lines().filter(l -> l.startsWith("rows ")).findFirst()
                .orElseThrow(() -> new AssertionError("no balance line in " + run.log()));
    }

    private static List<String> quarantineLines(Run run) {
        return run.output().lines().filter(l -> l.startsWith("  quarantined ")).toList();
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A child JVM of this test with its output in {@code NAME.log}; stopped with its own descendants. */
    static final class Child {
        final String name;
        final Process process;
        final Path log;

        private Child(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
        }

        static Child start(String name, Path workDir, Map<String, String> env, List<String> jvmArgs, String mainClass,
                           String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_FLAGS);
            command.addAll(jvmArgs);
            command.add(mainClass);
            command.addAll(List.of(args));
            Path log = OUT.resolve(name + ".log");
            Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().remove("SPARK_CONF_DIR");
            builder.environment().putAll(env);
            return new Child(name, builder.start(), log);
        }

        String output() {
            return read(log);
        }

        /** Waits for a line of the log, failing early when the process has ended. */
        Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Matcher m = pattern.matcher(output());
                if (m.find()) {
                    return m;
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before '" + pattern
                            + "'; " + log + ":\n" + tail(40));
                }
                Thread.sleep(200);
            }
            throw new AssertionError(name + " did not log '" + pattern + "' within " + timeout + "; " + log + ":\n"
                    + tail(40));
        }

        int waitFor(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                String tail = tail(40);
                stop();
                throw new AssertionError(name + " did not finish within " + timeout + "; " + log + ":\n" + tail);
            }
            return process.exitValue();
        }

        /** The last lines of the log, without stack frames, for a failure message. */
        String tail(int lines) {
            List<String> all = output().lines()
                    .filter(l -> !l.startsWith("\tat ") && !l.matches("\\s*\\.\\.\\. \\d+ more")).toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }

        void stop() {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }
}
