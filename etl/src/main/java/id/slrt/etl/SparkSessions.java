package id.slrt.etl;

import org.apache.spark.sql.SparkSession;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/** One place that knows how the ETL's Spark session is configured; the master comes from outside. */
public final class SparkSessions {
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    /**
     * @param master a {@code spark://} URL runs the same job on a cluster; none: spark-submit's
     *               {@code --master} (the {@code spark.master} property), else {@code local[*]}
     */
    public static SparkSession create(String master) {
        String url = master == null || master.isBlank() ? System.getProperty("spark.master", DEFAULT_MASTER) : master;
        SparkSession.Builder builder = SparkSession.builder()
                .appName("slrt-etl")
                .master(url)
                // The aggregates are small: a few shuffle partitions beat Spark's default 200 on 2 cores.
                .config("spark.sql.shuffle.partitions", System.getProperty("spark.sql.shuffle.partitions", "8"))
                // The staged rows (by kind: V, R, F) are written with a file open per kind instead of sorting
                // every row by kind first. Beyond 4 open files (the facts' months) a task sorts: each open
                // Parquet file may buffer a row group (128 MB) in the heap.
                .config("spark.sql.maxConcurrentOutputFileWriters",
                        System.getProperty("spark.sql.maxConcurrentOutputFileWriters", "4"))
                // Exact percentiles (and collect_set) aggregate in a hash map of this many groups per task
                // before sorting: Spark's 128 sorts the referrals of nearly every month.
                .config("spark.sql.objectHashAggregate.sortBased.fallbackThreshold",
                        System.getProperty("spark.sql.objectHashAggregate.sortBased.fallbackThreshold", "8192"))
                .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
                .config("spark.sql.session.timeZone", "Asia/Jakarta")
                // Staged rows carry java.time dates (the checks run in plain Java on the executors).
                .config("spark.sql.datetime.java8API.enabled", "true")
                // Standard Parquet instants (not legacy INT96): DuckDB reads them as TIMESTAMP WITH TIME ZONE.
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        if (System.getProperty("spark.driver.host") == null) {
            // Without this Spark binds a non-loopback address (docs/stack.md).
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!url.startsWith("local") && System.getProperty("spark.jars") == null) {
            // Executors on a cluster run this module's classes (FileParser, RowChecker, ...): ship its jar to
            // them, as spark-submit would. An explicit spark.jars (spark-submit, -Dspark.jars) is left alone.
            ownJar().ifPresent(jar -> builder.config("spark.jars", jar.toString()));
        }
        return builder.getOrCreate();
    }

    /** The jar this class was loaded from; empty when it runs from a classes folder (tests, IDE). */
    static Optional<Path> ownJar() {
        CodeSource source = SparkSessions.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
