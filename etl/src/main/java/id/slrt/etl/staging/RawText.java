package id.slrt.etl.staging;

import id.slrt.etl.Folders;
import id.slrt.warehouse.Snapshots;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The raw text of quarantined rows, the only copy of export content (names, NIK, birth dates) the ETL
 * keeps: {@code STATE/raw/batch=RUN_ID/}, apart from the staged rows so it can be purged on its own.
 * An operator needs it to fix an export for a while, not for ever: a batch staged more than the
 * retention ago loses it at the next run; its staged rows, and so every count, stay.
 */
public final class RawText {
    public static final String RAW = "raw";
    public static final int DEFAULT_RETENTION_DAYS = 90;
    /** Left in a purged batch's folder (Spark skips files starting with '_'): when and after how many days. */
    static final String PURGED = "_PURGED";
    private static final String BATCH_PREFIX = "batch=";

    private final Path stateDir;

    public RawText(Path stateDir) {
        this.stateDir = stateDir;
    }

    public Path dir(String batch) {
        return stateDir.resolve(RAW).resolve(BATCH_PREFIX + batch);
    }

    /**
     * Purges the raw text of every batch staged more than {@code retentionDays} before {@code now}.
     * Batch names are run ids, sortable UTC stamps: a batch is older than the cut-off when its name sorts
     * before the cut-off's stamp. The marker is written first, so a purge cut off half-way is finished by
     * the next run and the raw text is never read again meanwhile.
     *
     * @return the batches purged now
     */
    public List<String> purge(Instant now, int retentionDays) {
        if (retentionDays < 0) {
            throw new IllegalArgumentException("the raw text retention must be 0 days or more, not " + retentionDays);
        }
        String cutOff = Snapshots.stamp(now.minus(Duration.ofDays(retentionDays)));
        List<String> purged = new ArrayList<>();
        for (String batch : batches()) {
            Path dir = dir(batch);
            if (batch.compareTo(cutOff) >= 0 || onlyMarker(dir)) {
                continue;
            }
            try {
                if (!Files.exists(dir.resolve(PURGED))) {
                    Files.writeString(dir.resolve(PURGED), retentionDays + "\t" + now + "\n", StandardCharsets.UTF_8);
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path p : files.filter(p -> !p.getFileName().toString().equals(PURGED)).toList()) {
                        Folders.delete(p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot purge " + dir, e);
            }
            purged.add(batch);
        }
        return purged;
    }

    /** The retention after which a batch's raw text was purged; empty when it was not. */
    public Optional<Integer> purgedAfterDays(String batch) {
        Path marker = dir(batch).resolve(PURGED);
        if (!Files.exists(marker)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(Files.readString(marker, StandardCharsets.UTF_8).split("\t")[0].strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker, e);
        }
    }

    /** The raw text (file_id, line, raw, batch) of those of these batches that still have it. */
    public Dataset<Row> read(SparkSession spark, Collection<String> batches) {
        String[] kept = batches.stream().distinct()
                .filter(b -> Files.isDirectory(dir(b)) && purgedAfterDays(b).isEmpty()).map(b -> dir(b).toString())
                .toArray(String[]::new);
        if (kept.length == 0) {
            return spark.createDataFrame(List.<Row>of(), StagedSchema.RAW.add("batch", DataTypes.StringType));
        }
        return spark.read().schema(StagedSchema.RAW.add("batch", DataTypes.StringType))
                .option("basePath", stateDir.resolve(RAW).toString()).parquet(kept);
    }

    /** Whether a batch's raw text is still kept: not purged, and with rows (a batch without quarantined rows has none). */
    boolean holdsRawText(SparkSession spark, String batch) {
        return !read(spark, List.of(batch)).isEmpty();
    }

    /** Removes the raw text of batches not in use (their staged rows go too). */
    void cleanUp(Set<String> batchesInUse) {
        for (String batch : batches()) {
            if (!batchesInUse.contains(batch)) {
                Folders.delete(dir(batch));
            }
        }
    }

    private List<String> batches() {
        return StagingJob.batchesIn(stateDir.resolve(RAW));
    }

    private static boolean onlyMarker(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.allMatch(p -> p.getFileName().toString().equals(PURGED)) && Files.exists(dir.resolve(PURGED));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
