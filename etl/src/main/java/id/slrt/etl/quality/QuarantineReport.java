package id.slrt.etl.quality;

import id.slrt.etl.ingest.Reason;
import id.slrt.etl.staging.StagingJob;
import id.slrt.etl.warehouse.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * For the operator who fixes an export: the quarantined rows of the current snapshot with their raw
 * text, which only the ETL's state folder keeps. Runs on the ETL's machine; the dashboard never sees it.
 */
public final class QuarantineReport {
    private final SparkSession spark;

    public QuarantineReport(SparkSession spark) {
        this.spark = spark;
    }

    /** Prints file, line, field, reason, message and raw row; {@code file} filters by path (null: all). */
    public long print(Path warehouseRoot, Path stateDir, String file, PrintStream out) {
        Path snapshot = new Warehouse(warehouseRoot).currentDir()
                .orElseThrow(() -> new IllegalArgumentException("no published snapshot in " + warehouseRoot));
        spark.read().parquet(snapshot.resolve(QualityTables.QUARANTINE).toString()).createOrReplaceTempView("q");
        spark.read().parquet(snapshot.resolve(QualityTables.FILES).toString()).createOrReplaceTempView("f");
        List<String> batches = spark.sql("SELECT DISTINCT batch FROM f").collectAsList().stream()
                .map(r -> r.getString(0)).toList();
        new StagingJob(spark, stateDir).read(batches).createOrReplaceTempView("s");
        List<Row> rows = spark.sql("""
                SELECT q.source_file, q.line, q.field, q.reason, s.raw
                FROM q
                JOIN f ON f.path = q.source_file
                LEFT JOIN s ON s.file_id = f.sha256 AND s.batch = f.batch AND s.line = q.line AND s.kind <> 'F'
                WHERE ? IS NULL OR q.source_file = ?
                ORDER BY q.source_file, q.line
                """.replace("?", file == null ? "NULL" : "'" + file.replace("'", "''") + "'")).collectAsList();
        for (Row r : rows) {
            Reason reason = Reason.valueOf(r.getString(3));
            out.printf(Locale.ROOT, "%s:%d  %s  %s: %s / %s%n    %s%n", r.getString(0), r.getLong(1),
                    r.isNullAt(2) ? "-" : r.getString(2), reason.name(), reason.indonesian(), reason.english(),
                    r.isNullAt(4) ? "(raw row not kept)" : r.getString(4));
        }
        out.printf(Locale.ROOT, "%,d quarantined rows%s%n", rows.size(), file == null ? "" : " in " + file);
        return rows.size();
    }
}
