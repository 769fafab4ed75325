package id.slrt.etl;

import id.slrt.etl.ingest.Pseudonymizer;
import id.slrt.etl.ingest.PseudonymKey;
import id.slrt.etl.ingest.RegionResolver;
import id.slrt.etl.ingest.RowChecker;
import id.slrt.etl.facts.FactStore;
import id.slrt.etl.facts.Previous;
import id.slrt.etl.ledger.Changes;
import id.slrt.etl.ledger.FolderDistricts;
import id.slrt.etl.ledger.Ledger;
import id.slrt.etl.quality.QualityTables;
import id.slrt.etl.referrals.ReferralsTables;
import id.slrt.etl.regions.Regions;
import id.slrt.etl.runs.OwnerOnly;
import id.slrt.etl.runs.Progress;
import id.slrt.etl.runs.RunJournal;
import id.slrt.etl.runs.RunLock;
import id.slrt.etl.samples.SampleManifest;
import id.slrt.etl.staging.RawText;
import id.slrt.etl.staging.StagedSchema;
import id.slrt.etl.staging.StagingJob;
import id.slrt.etl.visits.VisitsTables;
import id.slrt.etl.warehouse.DiskFull;
import id.slrt.etl.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One ETL run: the inbox's exports in, a new published warehouse snapshot out.
 *
 * <ol>
 *   <li>ledger: list the inbox, hash new or changed files;</li>
 *   <li>staging: parse and check only files not staged before (Spark, in parallel);</li>
 *   <li>snapshot: build every table from the staged rows of the ledger's files (Spark SQL), prove that
 *       every row read is accepted or quarantined, write it aside and publish it atomically.</li>
 * </ol>
 */
public final class Etl {
    private static final Logger LOG = LoggerFactory.getLogger(Etl.class);
    public static final String REGIONS_TABLE = "regions";
    public static final String POVERTY_TABLE = "poverty";
    static final String POVERTY_FILE = "poverty.csv";
    public static final String RUNS_TABLE = "runs";
    public static final String SNAPSHOT_TABLE = "snapshot";
    public static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");

    /**
     * @param stateDir      ETL-private state: staged rows (with the raw text of quarantined rows), the run
     *                      journal and the pseudonym key; never served by the dashboard
     * @param keepSnapshots how many published snapshots to keep (the current one is always kept)
     * @param force         build a new snapshot even when no export changed (e.g. after new reference data)
     * @param slaDays       service-level target: a referral completed within this many days counts as on time
     * @param rawRetentionDays the raw text of quarantined rows is purged from the state folder this many days
     *                      after its file was staged (the staged rows and every count stay)
     */
    public record Config(Path inbox, Path warehouse, Path referenceDir, Path stateDir, int keepSnapshots,
                         boolean force, int slaDays, int rawRetentionDays) {
        public static final int DEFAULT_SLA_DAYS = 14;

        public Config(Path inbox, Path warehouse, Path referenceDir, Path stateDir, int keepSnapshots) {
            this(inbox, warehouse, referenceDir, stateDir, keepSnapshots, false, DEFAULT_SLA_DAYS);
        }

        public Config(Path inbox, Path warehouse, Path referenceDir, Path stateDir, int keepSnapshots,
                      boolean force, int slaDays) {
            this(inbox, warehouse, referenceDir, stateDir, keepSnapshots, force, slaDays,
                    RawText.DEFAULT_RETENTION_DAYS);
        }

        public Path keyFile() {
            return stateDir.resolve("pseudonym.key");
        }
    }

    /**
     * What a run did; {@code files*} count export files, {@code rows*} count records in them.
     * {@code unchanged}: no export changed, nothing was published and {@code snapshot} is the current one.
     */
    public record Report(String runId, String snapshot, Instant startedAt, Instant finishedAt, int files,
                         int filesStaged, int filesRejected, long rowsRead, long rowsAccepted, long rowsQuarantined,
                         Map<String, Long> quarantinedByReason, List<String> rejectedFiles,
                         List<String> removedSnapshots, boolean unchanged) {
        public Duration duration() {
            return Duration.between(startedAt, finishedAt);
        }
    }

    private static final StructType CHANGED = DataTypes.createStructType(List.of(
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("size", DataTypes.LongType, false),
            DataTypes.createStructField("modified", DataTypes.LongType, false),
            DataTypes.createStructField("file_id", DataTypes.StringType, false),
            DataTypes.createStructField("seq", DataTypes.LongType, false),
            DataTypes.createStructField("folder_hint", DataTypes.StringType, true),
            DataTypes.createStructField("batch", DataTypes.StringType, false),
            DataTypes.createStructField("live", DataTypes.BooleanType, false)));

    /** Tables a snapshot is built from, for progress (BUILDING done/total). */
    private static final int TABLE_STEPS = 8;

    private final SparkSession spark;
    private final Progress progress;

    public Etl(SparkSession spark) {
        this(spark, Progress.NONE);
    }

    public Etl(SparkSession spark, Progress progress) {
        this.spark = spark;
        this.progress = progress;
    }

    /** @throws IllegalStateException when another run on the same state folder is in progress */
    public Report run(Config config) {
        // The state holds raw export lines and the pseudonym key: owner-only before anything is written.
        OwnerOnly.directory(config.stateDir());
        try (RunLock lock = RunLock.acquire(config.stateDir())) {
            try {
                return runLocked(config);
            } finally {
                OwnerOnly.tree(config.stateDir()); // Spark and Hadoop wrote with the umask
            }
        }
    }

    private Report runLocked(Config config) {
        Instant startedAt = Instant.now();
        Warehouse warehouse = new Warehouse(config.warehouse());
        String runId = Warehouse.stamp(startedAt);
        RunJournal journal = new RunJournal(config.stateDir());
        journal.started(runId, startedAt);
        try {
            return build(config, warehouse, runId, startedAt, journal);
        } catch (Exception e) {
            // Spark's own failures are checked SparkExceptions thrown through Scala: recorded like the rest.
            // A failed run leaves nothing half-done behind: its staged batch goes (the next run stages again).
            Folders.delete(new StagingJob(spark, config.stateDir()).batchDir(runId));
            String message = e.getMessage() + DiskFull.explain(e);
            journal.finished(new RunJournal.Run(runId, startedAt, Instant.now(), "FAILED", 0, 0, 0, 0, null, message));
            throw DiskFull.causedBy(e) ? new IllegalStateException(message, e)
                    : e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
        }
    }

    private Report build(Config config, Warehouse warehouse, String runId, Instant startedAt, RunJournal journal) {
        new StagingJob(spark, config.stateDir()).purgeRawText(startedAt, config.rawRetentionDays()); // also when unchanged
        List<Ledger.Entry> previous = previousLedger(warehouse);
        progress.update(Progress.Stage.SCANNING, 0, 0, 0);
        List<Ledger.Entry> scanned = Ledger.scan(config.inbox(), previous);
        progress.update(Progress.Stage.SCANNING, scanned.size(), scanned.size(), 0);
        if (scanned.isEmpty()) {
            throw new IllegalArgumentException("no export files in inbox " + config.inbox().toAbsolutePath());
        }
        // Sample data or real exports decides whether a generated key file may serve (PseudonymKey), and
        // the snapshot says which it is so the dashboard offers demo users for sample data only.
        boolean sample = SampleManifest.covers(config.inbox(), scanned);
        byte[] key = PseudonymKey.forRun(config.keyFile(), sample);
        if (!config.force() && unchanged(previous, scanned)) {
            // Same files, same content: the current snapshot already is this run's result.
            Instant finishedAt = Instant.now();
            journal.finished(new RunJournal.Run(runId, startedAt, finishedAt, "UNCHANGED", scanned.size(), 0, 0, 0,
                    warehouse.current().orElse(null), "no new or changed export files"));
            return new Report(runId, warehouse.current().orElse(null), startedAt, finishedAt, scanned.size(), 0, 0,
                    0, 0, 0, Map.of(), List.of(), List.of(), true);
        }
        Regions regions = Regions.load(config.referenceDir());
        RowChecker checker = new RowChecker(new RegionResolver(regions),
                new Pseudonymizer(key), LocalDate.now(ZONE));
        StagingJob staging = new StagingJob(spark, config.stateDir());
        // Files staged in the layout before batches were stored by kind are staged again, once.
        scanned = scanned.stream().map(e -> e.batch() != null && !staging.byKind(e.batch()) ? e.withBatch(null) : e)
                .toList();
        Map<String, Path> toStage = new LinkedHashMap<>();
        scanned.stream().filter(e -> e.batch() == null)
                .forEach(e -> toStage.putIfAbsent(e.sha256(), config.inbox().resolve(e.path())));
        staging.stage(toStage, checker, runId, progress);
        List<Ledger.Entry> stagedLedger = scanned.stream().map(e -> e.batch() == null ? e.withBatch(runId) : e).toList();
        Map<String, String> fileBatches = new LinkedHashMap<>();
        stagedLedger.forEach(e -> fileBatches.put(e.sha256(), e.batch()));
        List<Ledger.Entry> ledger = staging.compact(fileBatches, runId,
                        // a property, read at each run, so that tests can compact after a few runs
                        Integer.getInteger("slrt.etl.max-batches", StagingJob.MAX_BATCHES))
                .map(c -> stagedLedger.stream().map(e -> c.merged().contains(e.batch()) ? e.withBatch(c.batch()) : e).toList())
                .orElse(stagedLedger);

        FactStore facts = new FactStore(config.stateDir());
        FactStore.Meta settings = new FactStore.Meta(FactStore.Meta.VERSION, config.slaDays(),
                Ledger.sha256(regions.regionsFile()), 0);
        // A forced run, or one without trustworthy facts, is a full one: every partition dirty.
        Previous start = config.force() ? null : previous(warehouse, facts, settings);
        Changes changes = changes(staging, ledger, start == null ? List.of() : previous, start, regions);
        int staged = toStage.size();
        try {
            Report report = publish(config, warehouse, facts, settings, changes, runId, startedAt, journal, regions,
                    ledger.size(), staged, sample);
            staging.cleanUp(ledger.stream().map(Ledger.Entry::batch).collect(Collectors.toSet()));
            return report;
        } finally {
            spark.catalog().clearCache();
        }
    }

    /** The published snapshot to start from, with its facts; null when there is none to trust (a full run). */
    private Previous previous(Warehouse warehouse, FactStore facts, FactStore.Meta settings) {
        return warehouse.current().flatMap(name -> facts.of(name, settings)
                        .map(generation -> new Previous(spark, warehouse.root().resolve(name), generation)))
                .orElse(null);
    }

    /**
     * The staged rows of the ledger, and those of the entries added or gone since the previous snapshot
     * (by path and content). Every entry counts as added in a full run.
     */
    private Changes changes(StagingJob staging, List<Ledger.Entry> ledger, List<Ledger.Entry> before,
                            Previous previous, Regions regions) {
        Set<String> now = ledger.stream().map(e -> e.path() + "|" + e.sha256()).collect(Collectors.toSet());
        Set<String> then = before.stream().map(e -> e.path() + "|" + e.sha256()).collect(Collectors.toSet());
        List<Row> changed = new ArrayList<>();
        Set<String> changedBatches = new java.util.TreeSet<>();
        for (Ledger.Entry e : ledger) {
            if (previous == null || !then.contains(e.path() + "|" + e.sha256())) {
                changed.add(entryRow(e, true));
                changedBatches.add(e.batch());
            }
        }
        for (Ledger.Entry e : before) {
            if (!now.contains(e.path() + "|" + e.sha256())) {
                changed.add(entryRow(e, false));
                changedBatches.add(e.batch());
            }
        }
        Dataset<Row> ledgerRows = spark.createDataFrame(ledger.stream().map(e -> entryRow(e, true)).toList(), CHANGED)
                .drop("live");
        Dataset<Row> changedRows = spark.createDataFrame(changed, CHANGED);
        Set<String> batches = new java.util.TreeSet<>();
        ledger.forEach(e -> batches.add(e.batch()));
        before.stream().filter(e -> !now.contains(e.path() + "|" + e.sha256())).forEach(e -> batches.add(e.batch()));
        Dataset<Row> stagedRows = staging.read(batches);
        String rows = """
                SELECT l.path, l.seq, l.folder_hint, {live} s.*
                FROM {staged} s JOIN {entries} l ON s.file_id = l.file_id AND s.batch = l.batch
                WHERE s.kind {kinds}
                """;
        Dataset<Row> live = Sql.over(spark).with("staged", stagedRows).with("entries", ledgerRows).value("live", "")
                .value("kinds", "IN ('V', 'R')").query(rows);
        // The changed rows are read from the batches of the changed entries only (in a nightly run, its own),
        // and kept: every step reads them.
        Dataset<Row> changedStaged = changedBatches.isEmpty() ? stagedRows.limit(0) : staging.read(changedBatches);
        Dataset<Row> changedLive = Sql.over(spark).with("staged", changedStaged).with("entries", changedRows)
                .value("live", "l.live,").value("kinds", "IN ('V', 'R')").query(rows);
        if (previous != null) {
            changedLive = changedLive.persist(StorageLevel.MEMORY_AND_DISK());
        }
        Dataset<Row> addedFiles = Sql.over(spark).with("staged", changedStaged).with("entries", changedRows)
                .value("live", "l.live,").value("kinds", "= 'F'").query(rows).where("live");
        Function<Dataset<Row>, Dataset<Row>> liveIn = paths -> {
            Set<String> wanted = paths.collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet());
            List<Ledger.Entry> entries = ledger.stream().filter(e -> wanted.contains(e.path())).toList();
            if (entries.isEmpty()) {
                return live.limit(0);
            }
            Dataset<Row> few = spark.createDataFrame(entries.stream().map(e -> entryRow(e, true)).toList(), CHANGED)
                    .drop("live");
            return Sql.over(spark).with("staged", staging.read(entries.stream().map(Ledger.Entry::batch)
                            .collect(Collectors.toSet()))).with("entries", few).value("live", "")
                    .value("kinds", "IN ('V', 'R')").query(rows);
        };
        return new Changes(previous, ledgerRows, live, changedLive, addedFiles,
                FolderDistricts.of(spark, regions, ledgerRows).persist(StorageLevel.MEMORY_AND_DISK()), liveIn);
    }

    private static Row entryRow(Ledger.Entry e, boolean live) {
        return RowFactory.create(e.path(), e.size(), e.modified(), e.sha256(), e.seq(), e.folderHint(), e.batch(), live);
    }

    /** BPS poor population per district (reference data, for reach); empty when the file is absent. */
    private void writePoverty(Path csv, String dir) {
        Dataset<Row> poverty;
        if (Files.isRegularFile(csv)) {
            poverty = spark.read().option("header", true).csv(csv.toString()).selectExpr(
                    "code AS district_code", "province_code", "CAST(year AS INT) AS year", "reference_period",
                    "CAST(poor_population AS BIGINT) AS poor_population",
                    "CAST(poverty_rate_pct AS DOUBLE) AS poverty_rate_pct");
        } else {
            LOG.warn("No {}: the poverty table is empty and the dashboard shows no reach", csv);
            poverty = spark.sql("SELECT CAST(NULL AS STRING) AS district_code, CAST(NULL AS STRING) AS province_code,"
                    + " CAST(NULL AS INT) AS year, CAST(NULL AS STRING) AS reference_period,"
                    + " CAST(NULL AS BIGINT) AS poor_population, CAST(NULL AS DOUBLE) AS poverty_rate_pct WHERE false");
        }
        poverty.coalesce(1).write().parquet(dir);
    }

    private Report publish(Config config, Warehouse warehouse, FactStore facts, FactStore.Meta settings,
                           Changes changes, String runId, Instant startedAt, RunJournal journal, Regions regions,
                           int fileCount, int staged, boolean sample) {
        Warehouse.Staging snapshot = warehouse.begin(startedAt);
        FactStore.Generation generation = facts.begin(snapshot.name(), settings);
        try {
            return write(config, warehouse, facts, generation, changes, snapshot, runId, startedAt, journal, regions,
                    fileCount, staged, sample);
        } catch (Exception e) {
            // Spark's checked exceptions arrive undeclared through Scala: caught here too, and rethrown as they are.
            warehouse.abandon(snapshot);
            facts.abandon(generation);
            throw e;
        }
    }

    private Report write(Config config, Warehouse warehouse, FactStore facts, FactStore.Generation generation,
                         Changes changes, Warehouse.Staging snapshot, String runId, Instant startedAt,
                         RunJournal journal, Regions regions, int fileCount, int staged, boolean sample) {
        int step = 0;
        progress.update(Progress.Stage.BUILDING, step, TABLE_STEPS, 0);
        VisitsTables.Result visits = VisitsTables.build(spark, changes, generation);
        VisitsTables.write(spark, visits, snapshot.dir());
        progress.update(Progress.Stage.BUILDING, ++step, TABLE_STEPS, 0);
        ReferralsTables.Result referrals = ReferralsTables.build(spark, changes, visits.facts(), visits.changedIds(),
                generation, config.slaDays());
        ReferralsTables.write(referrals, snapshot.dir());
        progress.update(Progress.Stage.BUILDING, ++step, TABLE_STEPS, 0);
        QualityTables.withMessages(spark, QualityTables.quarantine(spark, changes, visits.duplicates(),
                referrals.problems())).coalesce(1).write().parquet(snapshot.table(QualityTables.QUARANTINE));
        Dataset<Row> quarantine = spark.read().parquet(snapshot.table(QualityTables.QUARANTINE));
        progress.update(Progress.Stage.BUILDING, ++step, TABLE_STEPS, 0);
        QualityTables.writeQualityMonthly(spark, spark.read().parquet(snapshot.table(VisitsTables.MONTHLY)), quarantine,
                snapshot.table(QualityTables.QUALITY_MONTHLY));
        progress.update(Progress.Stage.BUILDING, ++step, TABLE_STEPS, 0);
        QualityTables.writeQuarantineMonthly(spark, quarantine, snapshot.table(QualityTables.QUARANTINE_MONTHLY));
        progress.update(Progress.Stage.BUILDING, ++step, TABLE_STEPS, 0);
        QualityTables.files(spark, changes, quarantine, visits.accepted(), referrals.accepted())
                .coalesce(1).write().parquet(snapshot.table(QualityTables.FILES));
        Dataset<Row> files = spark.read().parquet(snapshot.table(QualityTables.FILES));
        progress.update(Progress.Stage.BUILDING, ++step, TABLE_STEPS, 0);
        spark.read().option("header", true).csv(regions.regionsFile().toString())
                .selectExpr("code", "level", "type", "name", "name_full", "province_code", "province_name")
                .coalesce(1).write().parquet(snapshot.table(REGIONS_TABLE));
        progress.update(Progress.Stage.BUILDING, ++step, TABLE_STEPS, 0);
        writePoverty(regions.referenceDir().resolve(POVERTY_FILE), snapshot.table(POVERTY_TABLE));
        progress.update(Progress.Stage.BUILDING, ++step, TABLE_STEPS, 0);

        progress.update(Progress.Stage.PUBLISHING, 0, 1, 0);
        Balance balance = balance(files, snapshot, visits.facts().count(), referrals.current().count());
        Map<String, Long> byReason = quarantine.groupBy("reason").count().orderBy(functions.desc("count"))
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1), Long::sum,
                        LinkedHashMap::new));
        Instant finishedAt = Instant.now();
        RunJournal.Run thisRun = new RunJournal.Run(runId, startedAt, finishedAt, "SUCCEEDED", fileCount,
                balance.read, balance.accepted, balance.quarantined, snapshot.name(), null);
        writeRuns(journal.runs(runId), thisRun, snapshot.table(RUNS_TABLE));
        writeSnapshotRow(snapshot.name(), runId, finishedAt, fileCount, balance.accepted, sample,
                snapshot.table(SNAPSHOT_TABLE));

        // The facts first: a published snapshot always has its facts (facts without a snapshot are removed).
        facts.commit(generation.withLastMonth(referrals.lastMonth()), snapshot.name());
        warehouse.publish(snapshot);
        journal.finished(thisRun);
        facts.keepOnly(snapshot.name());
        List<String> removed = warehouse.cleanUp(config.keepSnapshots());
        return new Report(runId, snapshot.name(), startedAt, finishedAt, fileCount, staged, balance.rejected.size(),
                balance.read, balance.accepted, balance.quarantined, byReason, balance.rejected, removed, false);
    }

    private record Balance(long read, long accepted, long quarantined, List<String> rejected) {
    }

    /**
     * The conservation proof, per file and in total: records in the file = rows read = accepted +
     * quarantined, and the visits accepted are exactly the visits counted in the written table.
     * A run that does not balance fails before publishing: the previous snapshot stays current.
     */
    private Balance balance(Dataset<Row> files, Warehouse.Staging snapshot, long visitsAccepted, long referralsCurrent) {
        List<String> problems = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        long read = 0;
        long accepted = 0;
        long quarantined = 0;
        for (Row f : files.select("path", "status", "reason", "detail", "records", "rows_read", "rows_accepted",
                "rows_quarantined").collectAsList()) {
            long records = f.isNullAt(4) ? 0 : f.getLong(4);
            long r = f.getLong(5);
            long a = f.getLong(6);
            long q = f.getLong(7);
            if (records != r || r != a + q) {
                problems.add(String.format(Locale.ROOT, "%s: records %d, read %d, accepted %d, quarantined %d",
                        f.getString(0), records, r, a, q));
            }
            if ("REJECTED".equals(f.getString(1))) {
                rejected.add(f.getString(0) + ": " + f.getString(2)
                        + (f.isNullAt(3) || f.getString(3).isEmpty() ? "" : " (" + f.getString(3) + ")"));
            }
            read += r;
            accepted += a;
            quarantined += q;
        }
        long visitsWritten = spark.read().parquet(snapshot.table(VisitsTables.MONTHLY))
                .selectExpr("coalesce(sum(visits), 0)").first().getLong(0);
        if (visitsAccepted != visitsWritten) {
            problems.add("visits accepted " + visitsAccepted + " but " + visitsWritten + " in " + VisitsTables.MONTHLY);
        }
        long referralsWritten = spark.read().parquet(snapshot.table(ReferralsTables.MONTHLY))
                .selectExpr("coalesce(sum(referred), 0)").first().getLong(0);
        if (referralsCurrent != referralsWritten) {
            problems.add("referrals " + referralsCurrent + " but " + referralsWritten + " in " + ReferralsTables.MONTHLY);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("row counts do not balance, nothing published: " + String.join("; ", problems));
        }
        return new Balance(read, accepted, quarantined, rejected);
    }

    private void writeRuns(List<RunJournal.Run> runs, RunJournal.Run current, String dir) {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("run_id", DataTypes.StringType, false),
                DataTypes.createStructField("started_at", DataTypes.TimestampType, false),
                DataTypes.createStructField("finished_at", DataTypes.TimestampType, true),
                DataTypes.createStructField("status", DataTypes.StringType, false),
                DataTypes.createStructField("files", DataTypes.LongType, false),
                DataTypes.createStructField("rows_read", DataTypes.LongType, false),
                DataTypes.createStructField("rows_accepted", DataTypes.LongType, false),
                DataTypes.createStructField("rows_quarantined", DataTypes.LongType, false),
                DataTypes.createStructField("snapshot", DataTypes.StringType, true),
                DataTypes.createStructField("message", DataTypes.StringType, true)));
        List<Row> rows = new ArrayList<>();
        for (RunJournal.Run run : runs) {
            RunJournal.Run r = run.runId().equals(current.runId()) ? current : run;
            rows.add(RowFactory.create(r.runId(), r.startedAt(), r.finishedAt(), r.status(), r.files(), r.rowsRead(),
                    r.rowsAccepted(), r.rowsQuarantined(), r.snapshot(), r.message()));
        }
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir);
    }

    private static boolean unchanged(List<Ledger.Entry> previous, List<Ledger.Entry> now) {
        return !previous.isEmpty() && previous.stream().map(e -> e.path() + "|" + e.sha256()).sorted().toList()
                .equals(now.stream().map(e -> e.path() + "|" + e.sha256()).sorted().toList());
    }

    private void writeSnapshotRow(String name, String runId, Instant builtAt, long files, long accepted, boolean sample,
                                  String dir) {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("schema_version", DataTypes.IntegerType, false),
                DataTypes.createStructField("snapshot", DataTypes.StringType, false),
                DataTypes.createStructField("run_id", DataTypes.StringType, false),
                DataTypes.createStructField("built_at", DataTypes.TimestampType, false),
                DataTypes.createStructField("files", DataTypes.LongType, false),
                DataTypes.createStructField("rows_accepted", DataTypes.LongType, false),
                DataTypes.createStructField("sample", DataTypes.BooleanType, false)));
        spark.createDataFrame(List.of(RowFactory.create(Warehouse.SCHEMA_VERSION, name, runId, builtAt, files, accepted,
                        sample)),
                schema).coalesce(1).write().parquet(dir);
    }

    /** The ledger of the current snapshot, so unchanged files are neither hashed nor parsed again. */
    private List<Ledger.Entry> previousLedger(Warehouse warehouse) {
        return warehouse.currentDir().map(this::previousLedger).orElse(List.of());
    }

    private List<Ledger.Entry> previousLedger(Path snapshotDir) {
        return java.util.Optional.of(snapshotDir.resolve(QualityTables.FILES)).filter(Files::isDirectory)
                .map(dir -> spark.read().parquet(dir.toString())
                        .select("path", "size", "modified", "sha256", "seq", "folder_hint", "batch").collectAsList()
                        .stream()
                        .map(r -> new Ledger.Entry(r.getString(0), r.getLong(1), r.getLong(2), r.getString(3),
                                r.getLong(4), r.isNullAt(5) ? null : r.getString(5), r.getString(6)))
                        .toList())
                .orElse(List.of());
    }
}
