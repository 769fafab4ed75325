package id.slrt.etl.facts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/**
 * The published snapshot a run starts from, and its facts: the tables and rows of every partition the
 * run does not recompute come from here.
 */
public record Previous(SparkSession spark, Path snapshotDir, FactStore.Generation facts) {
    /** A table of the previous snapshot. */
    public Dataset<Row> table(String name) {
        return spark.read().parquet(snapshotDir.resolve(name).toString());
    }
}
