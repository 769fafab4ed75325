package id.slrt.etl.quality;

import id.slrt.etl.ingest.Reason;
import id.slrt.etl.staging.RawText;
import id.slrt.warehouse.Snapshots;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * For the operator who fixes an export: the quarantined rows of the current snapshot with their raw
 * text, which only the ETL's state folder keeps, for the raw text retention. Runs on the ETL's machine;
 * the dashboard never sees it.
 */
public final class QuarantineReport {
    private final SparkSession spark;

    public QuarantineReport(SparkSession spark) {
        this.spark = spark;
    }

    /** Prints file, line, field, reason, message and raw row; {@code file} filters by path (null: all). */
    public long print(Path warehouseRoot, Path stateDir, String file, PrintStream out) {
        Path snapshot = new Snapshots(warehouseRoot).currentDir()
                .orElseThrow(() -> new IllegalArgumentException("no published snapshot in " + warehouseRoot));
        Dataset<Row> quarantine = spark.read().parquet(snapshot.resolve(QualityTables.QUARANTINE).toString());
        if (file != null) {
            quarantine = quarantine.where(col("source_file").equalTo(file));
        }
        List<Row> rows = quarantine.select("source_file", "line", "field", "reason")
                .orderBy("source_file", "line").collectAsList();
        Map<String, String[]> fileBatch = new HashMap<>(); // path -> {sha256, batch}
        for (Row f : spark.read().parquet(snapshot.resolve(QualityTables.FILES).toString())
                .select("path", "sha256", "batch").collectAsList()) {
            fileBatch.put(f.getString(0), new String[]{f.getString(1), f.getString(2)});
        }
        // Joined here, not in Spark SQL: a join's shuffle would copy the raw text to Spark's local folder.
        RawText rawText = new RawText(stateDir);
        Map<String, String> raw = new HashMap<>();
        for (Row r : rawText.read(spark, fileBatch.values().stream().map(b -> b[1]).toList())
                .select("batch", "file_id", "line", "raw").collectAsList()) {
            raw.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getLong(2), r.getString(3));
        }
        Map<String, Optional<Integer>> purged = new HashMap<>();
        for (Row r : rows) {
            String[] batch = fileBatch.get(r.getString(0));
            String text = batch == null ? null : raw.get(batch[1] + "|" + batch[0] + "|" + r.getLong(1));
            if (text == null) {
                Optional<Integer> days = batch == null ? Optional.empty()
                        : purged.computeIfAbsent(batch[1], rawText::purgedAfterDays);
                text = days.map(d -> "(raw text purged after " + d + " days)").orElse("(raw row not kept)");
            }
            Reason reason = Reason.valueOf(r.getString(3));
            out.printf(Locale.ROOT, "%s:%d  %s  %s: %s / %s%n    %s%n", r.getString(0), r.getLong(1),
                    r.isNullAt(2) ? "-" : r.getString(2), reason.name(), reason.indonesian(), reason.english(), text);
        }
        out.printf(Locale.ROOT, "%,d quarantined rows%s%n", rows.size(), file == null ? "" : " in " + file);
        return rows.size();
    }
}
