package id.slrt.etl;

import org.apache.spark.sql.SparkSession;

/** One place that knows how the ETL's Spark session is configured; the master comes from outside. */
public final class SparkSessions {
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    /**
     * @param master {@code local[*]} by default; a {@code spark://} URL runs the same job on a cluster.
     */
    public static SparkSession create(String master) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("slrt-etl")
                .master(master == null || master.isBlank() ? DEFAULT_MASTER : master)
                // The aggregates are small: a few shuffle partitions beat Spark's default 200 on 2 cores.
                .config("spark.sql.shuffle.partitions", System.getProperty("spark.sql.shuffle.partitions", "8"))
                .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
                .config("spark.sql.session.timeZone", "Asia/Jakarta")
                // Staged rows carry java.time dates (the checks run in plain Java on the executors).
                .config("spark.sql.datetime.java8API.enabled", "true")
                // Standard Parquet instants (not legacy INT96): DuckDB reads them as TIMESTAMP WITH TIME ZONE.
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        if (System.getProperty("spark.driver.host") == null) {
            // Without this Spark binds a non-loopback address (STACK.md).
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return builder.getOrCreate();
    }
}
