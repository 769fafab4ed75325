package id.slrt.etl.staging;

import id.slrt.etl.Folders;
import id.slrt.etl.ingest.RowChecker;
import id.slrt.etl.runs.OwnerOnly;
import id.slrt.etl.runs.Progress;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Parses and checks new export files in parallel (one Spark task per group of files) and stores their
 * staged rows as one batch, {@code STATE/staged/batch=RUN_ID}, with the file's content hash in
 * {@code file_id}, and the raw text of its quarantined rows apart, in {@link RawText}. A file already
 * staged (its hash is in the ledger) is never read again; a batch is moved into place whole, and a batch
 * no published ledger refers to is removed by {@link #cleanUp}.
 */
public final class StagingJob {
    public static final String STAGED = "staged";
    private static final String BATCH_PREFIX = "batch=";
    private static final String LEGACY_PREFIX = "legacy-";
    private static final StructType TASKS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("file_id", DataTypes.StringType, false),
            DataTypes.createStructField("path", DataTypes.StringType, false)));

    private final SparkSession spark;
    private final Path stateDir;
    private final RawText rawText;

    public StagingJob(SparkSession spark, Path stateDir) {
        this.spark = spark;
        this.stateDir = stateDir;
        this.rawText = new RawText(stateDir);
    }

    public RawText rawText() {
        return rawText;
    }

    public Path batchDir(String batch) {
        return stateDir.resolve(STAGED).resolve(BATCH_PREFIX + batch);
    }

    /**
     * Stages the given files (file id to absolute path) as batch {@code runId}.
     *
     * @return false when there was nothing to stage
     */
    public boolean stage(Map<String, Path> files, RowChecker checker, String runId) {
        return stage(files, checker, runId, Progress.NONE);
    }

    /** As {@link #stage(Map, RowChecker, String)}, reporting files and rows parsed as tasks finish. */
    public boolean stage(Map<String, Path> files, RowChecker checker, String runId, Progress progress) {
        if (files.isEmpty()) {
            return false;
        }
        LongAccumulator filesParsed = spark.sparkContext().longAccumulator("slrt files parsed");
        LongAccumulator rowsParsed = spark.sparkContext().longAccumulator("slrt rows parsed");
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                progress.update(Progress.Stage.STAGING, filesParsed.value(), files.size(), rowsParsed.value());
            }
        };
        progress.update(Progress.Stage.STAGING, 0, files.size(), 0);
        spark.sparkContext().addSparkListener(listener);
        List<Row> tasks = files.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> RowFactory.create(e.getKey(), e.getValue().toAbsolutePath().toString())).toList();
        Path tmp = stateDir.resolve("tmp-" + runId);
        Broadcast<RowChecker> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(checker);
        ReaderCrashes crashes = new ReaderCrashes(stateDir);
        try {
            crashes.parseSuspectsAlone(spark, tasks, TASKS, shared);
            // Several tasks per core: progress moves as each finishes, and a slow file delays less.
            int partitions = Math.max(1, Math.min(tasks.size(), spark.sparkContext().defaultParallelism() * 8));
            String parsed = tmp.resolve("parsed").toString();
            spark.createDataFrame(tasks, TASKS).repartition(partitions)
                    .flatMap(new ContentFreeFailures(crashes.guard(new FileParser(shared, filesParsed, rowsParsed))),
                            Encoders.row(StagedSchema.PARSED))
                    .write().parquet(parsed);
            split(parsed, tmp, runId);
            Files.createDirectories(batchDir(runId).getParent());
            Files.move(tmp.resolve(STAGED), batchDir(runId), StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage files in " + stateDir, e);
        } finally {
            spark.sparkContext().removeSparkListener(listener);
            shared.destroy();
            Folders.delete(tmp);
        }
    }

    /** More batches than this in use, and the old ones are merged into one ({@link #compact}); the default. */
    public static final int MAX_BATCHES = 16;

    /** Batches merged into {@code batch}: the ledger's entries in them now have their rows there. */
    public record Compaction(String batch, Set<String> merged) {
    }

    /**
     * Keeps the number of staged batches (and so of files) bounded whatever the number of runs: when more
     * than {@code maxBatches} ({@link #MAX_BATCHES}) are in use, the rows of the files still in use, from every batch whose raw
     * text is already purged (or that has none), are rewritten as one batch. Batches still holding raw text
     * are left alone, so the raw text keeps its own retention: their number is bounded by the retention.
     * The old batches stay until the snapshot using the new one is published ({@link #cleanUp}).
     *
     * @param fileBatches the ledger's staged files: file id to batch
     * @param runId       this run: its own new batch is never merged
     * @return the merge, or empty when nothing was merged
     */
    public java.util.Optional<Compaction> compact(Map<String, String> fileBatches, String runId, int maxBatches) {
        Set<String> inUse = new java.util.TreeSet<>(fileBatches.values());
        if (inUse.size() <= maxBatches) {
            return java.util.Optional.empty();
        }
        Set<String> mergeable = new java.util.TreeSet<>();
        for (String batch : inUse) {
            if (!batch.equals(runId) && !rawText.holdsRawText(spark, batch)) {
                mergeable.add(batch);
            }
        }
        if (mergeable.size() < 2) {
            return java.util.Optional.empty();
        }
        String merged = runId + "-compacted";
        Path tmp = stateDir.resolve("tmp-" + merged);
        try {
            List<Row> files = fileBatches.entrySet().stream().filter(e -> mergeable.contains(e.getValue()))
                    .map(e -> RowFactory.create(e.getKey())).toList();
            Dataset<Row> keep = spark.createDataFrame(files, DataTypes.createStructType(List.of(
                    DataTypes.createStructField("file_id", DataTypes.StringType, false))));
            Dataset<Row> rows = read(mergeable).join(org.apache.spark.sql.functions.broadcast(keep), "file_id")
                    .drop("batch");
            rows.repartition(Math.max(1, spark.sparkContext().defaultParallelism()), rows.col("kind"))
                    .selectExpr(StagedSchema.SCHEMA.fieldNames()).write().partitionBy("kind").parquet(tmp.resolve(STAGED).toString());
            OwnerOnly.tree(tmp);
            Folders.delete(batchDir(merged));
            Files.move(tmp.resolve(STAGED), batchDir(merged), StandardCopyOption.ATOMIC_MOVE);
            return java.util.Optional.of(new Compaction(merged, mergeable));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact the staged batches in " + stateDir, e);
        } finally {
            Folders.delete(tmp);
        }
    }

    /**
     * Stores parsed rows (with raw text) as two: {@code tmp/staged} without the raw text, and the raw text,
     * moved into place as the batch's {@link RawText} at once. Apart, so the raw text can be purged without
     * rewriting the staged rows. Written from Parquet in the state folder rather than from a cached
     * Dataset: a cache can spill to Spark's local folder (/tmp), outside the state. The raw text is moved
     * first: a batch counts once its staged rows are in place, and raw text without them is removed by
     * {@link #cleanUp} like any batch no ledger uses.
     */
    private void split(String parsed, Path tmp, String batch) throws IOException {
        // By kind: a run reads the file rows (F) of a few files, or the visits or referrals alone.
        spark.read().schema(StagedSchema.SCHEMA).parquet(parsed).write().partitionBy("kind")
                .parquet(tmp.resolve(STAGED).toString());
        spark.read().schema(StagedSchema.PARSED).parquet(parsed).where(StagedSchema.RAW_COLUMN + " IS NOT NULL")
                .select("file_id", "line", StagedSchema.RAW_COLUMN).coalesce(1).write()
                .parquet(tmp.resolve(RawText.RAW).toString());
        OwnerOnly.tree(tmp);
        Files.createDirectories(rawText.dir(batch).getParent());
        Folders.delete(rawText.dir(batch)); // left by a split that died before its staged rows were swapped
        Files.move(tmp.resolve(RawText.RAW), rawText.dir(batch), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Purges the raw text past the retention ({@link RawText#purge}), after moving the raw text out of
     * batches staged before it was kept apart (they hold it in their staged rows), once per batch.
     *
     * @return the batches whose raw text was purged now
     */
    public List<String> purgeRawText(Instant now, int retentionDays) {
        for (String batch : batches()) {
            Path legacy = stateDir.resolve(LEGACY_PREFIX + batch);
            try {
                boolean diedMidSwap = Files.isDirectory(legacy.resolve("old")) && !Files.exists(batchDir(batch));
                if (diedMidSwap) {
                    Files.move(legacy.resolve("old"), batchDir(batch), StandardCopyOption.ATOMIC_MOVE);
                }
                Folders.delete(legacy);
                // A batch with its raw text apart was split (or staged so) unless a split died mid-swap.
                if (!diedMidSwap && Files.isDirectory(rawText.dir(batch)) || !hasRawColumn(batch)) {
                    continue;
                }
                split(batchDir(batch).toString(), legacy, batch);
                Files.move(batchDir(batch), legacy.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
                Files.move(legacy.resolve(STAGED), batchDir(batch), StandardCopyOption.ATOMIC_MOVE);
                Folders.delete(legacy);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the raw text out of " + batchDir(batch), e);
            }
        }
        return rawText.purge(now, retentionDays);
    }

    private boolean hasRawColumn(String batch) {
        try {
            return Arrays.asList(spark.read().parquet(batchDir(batch).toString()).schema().fieldNames())
                    .contains(StagedSchema.RAW_COLUMN);
        } catch (Exception noDataFiles) { // Spark's AnalysisException is checked, thrown through Scala
            return false; // nothing Spark can read: no raw text either
        }
    }

    private List<String> batches() {
        return batchesIn(stateDir.resolve(STAGED));
    }

    /** The ids of the batch folders ({@code batch=ID}) under {@code root}, oldest first; none when it is missing. */
    static List<String> batchesIn(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith(BATCH_PREFIX))
                    .map(n -> n.substring(BATCH_PREFIX.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /**
     * Whether a batch is stored by kind ({@code kind=V/}, ...). Batches staged before were not: their
     * files are staged again (once) rather than read in two layouts.
     */
    public boolean byKind(String batch) {
        try (Stream<Path> entries = Files.list(batchDir(batch))) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("kind="));
        } catch (IOException e) {
            return false;
        }
    }

    /** The staged rows of these batches (only the rows of files still in the ledger are used). */
    public Dataset<Row> read(Collection<String> batches) {
        return spark.read().schema(StagedSchema.SCHEMA.add("batch", DataTypes.StringType))
                .option("basePath", stateDir.resolve(STAGED).toString())
                .parquet(batches.stream().distinct().map(b -> batchDir(b).toString()).toArray(String[]::new));
    }

    /** Removes batches the published ledger does not use (staged rows and raw text), and leftovers of runs that died. */
    public void cleanUp(Set<String> batchesInUse) {
        Path staged = stateDir.resolve(STAGED);
        rawText.cleanUp(batchesInUse);
        try {
            if (Files.isDirectory(staged)) {
                try (Stream<Path> dirs = Files.list(staged)) {
                    for (Path dir : dirs.toList()) {
                        String name = dir.getFileName().toString();
                        if (name.startsWith(BATCH_PREFIX) && !batchesInUse.contains(name.substring(BATCH_PREFIX.length()))) {
                            Folders.delete(dir);
                        }
                    }
                }
            }
            try (Stream<Path> dirs = Files.list(stateDir)) {
                for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("tmp-")).toList()) {
                    Folders.delete(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + staged, e);
        }
    }
}
