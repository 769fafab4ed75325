package id.slrt.etl.visits;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.input_file_name;

/**
 * Visits: reads the kunjungan exports, checks every row, and aggregates the accepted ones into
 * {@code visits_monthly}. Each row is either counted in the aggregate or quarantined with a reason.
 */
public final class VisitsEtl {
    public static final String TABLE = "visits_monthly";
    public static final String QUARANTINE_TABLE = "quarantine";

    /** Reason codes, checked in this order; the first that applies is the row's reason. */
    private static final String CLASSIFY_SQL = """
            SELECT *,
              CASE
                WHEN id_kunjungan IS NULL OR trim(id_kunjungan) = '' THEN 'MISSING_VISIT_ID'
                WHEN visit_date IS NULL THEN 'BAD_DATE'
                WHEN visit_date < DATE '%d-01-01' OR visit_date > current_date() THEN 'DATE_OUT_OF_RANGE'
                WHEN district_name IS NULL THEN 'UNKNOWN_REGION'
                WHEN programme NOT IN (%s) THEN 'UNKNOWN_PROGRAMME'
              END AS reason,
              CASE
                WHEN id_kunjungan IS NULL OR trim(id_kunjungan) = '' THEN 'id_kunjungan'
                WHEN visit_date IS NULL OR visit_date < DATE '%d-01-01' OR visit_date > current_date() THEN 'tanggal_kunjungan'
                WHEN district_name IS NULL THEN 'kode_wilayah'
                WHEN programme NOT IN (%s) THEN 'program'
              END AS field
            FROM (
              SELECT v.id_kunjungan, v.source_file, d.name AS district_name,
                     substr(trim(v.kode_wilayah), 1, 4) AS district_code,
                     upper(trim(v.program)) AS programme,
                     coalesce(to_date(trim(v.tanggal_kunjungan), 'yyyy-MM-dd'),
                              to_date(trim(v.tanggal_kunjungan), 'dd/MM/yyyy'),
                              to_date(trim(v.tanggal_kunjungan), 'dd-MM-yyyy')) AS visit_date
              FROM raw_visits v
              LEFT JOIN districts d ON d.code = substr(trim(v.kode_wilayah), 1, 4)
            )
            """;

    private static final String MONTHLY_SQL = """
            SELECT substr(district_code, 1, 2) AS province_code,
                   district_code,
                   year(visit_date)  AS year,
                   month(visit_date) AS month,
                   programme,
                   count(*)          AS visits
            FROM classified_visits
            WHERE reason IS NULL
            GROUP BY 1, 2, 3, 4, 5
            ORDER BY district_code, year, month, programme
            """;

    private static final String QUARANTINE_SQL = """
            SELECT source_file, field, reason, count(*) AS rows
            FROM classified_visits
            WHERE reason IS NOT NULL
            GROUP BY source_file, field, reason
            ORDER BY source_file, reason
            """;

    private final SparkSession spark;

    public VisitsEtl(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * @param districts a view-able dataset with the district {@code code} and {@code name} columns
     * @return the counts of this step; the tables are written under {@code snapshotDir}
     */
    public VisitCounts run(List<Path> files, Dataset<Row> districts, Path snapshotDir) {
        Dataset<Row> raw = spark.read()
                .option("header", true)
                .option("inferSchema", false)
                .option("encoding", "UTF-8")
                .option("mode", "PERMISSIVE")
                .csv(files.stream().map(Path::toString).toArray(String[]::new));
        raw = normaliseHeader(raw).withColumn("source_file", input_file_name());
        requireColumns(raw, files);
        raw.createOrReplaceTempView("raw_visits");
        districts.createOrReplaceTempView("districts");

        String programmes = VisitExport.PROGRAMMES.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "));
        Dataset<Row> classified = spark.sql(CLASSIFY_SQL.formatted(VisitExport.FIRST_YEAR, programmes,
                VisitExport.FIRST_YEAR, programmes)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            classified.createOrReplaceTempView("classified_visits");
            Map<String, Long> byReason = new LinkedHashMap<>();
            long read = 0;
            long accepted = 0;
            for (Row row : classified.groupBy("reason").count().collectAsList()) {
                long n = row.getLong(1);
                read += n;
                if (row.isNullAt(0)) {
                    accepted += n;
                } else {
                    byReason.put(row.getString(0), n);
                }
            }
            Dataset<Row> monthly = spark.sql(MONTHLY_SQL);
            monthly.coalesce(1).write().parquet(snapshotDir.resolve(TABLE).toString());
            spark.sql(QUARANTINE_SQL).coalesce(1).write().parquet(snapshotDir.resolve(QUARANTINE_TABLE).toString());

            // The conservation proof: what reached the aggregate is read back from what was written.
            long aggregated = spark.read().parquet(snapshotDir.resolve(TABLE).toString())
                    .selectExpr("coalesce(sum(visits), 0)").first().getLong(0);
            long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
            return new VisitCounts(files.size(), read, accepted, aggregated, quarantined, byReason);
        } finally {
            classified.unpersist();
        }
    }

    /** Header names in any case and spacing: " Tanggal Kunjungan " is tanggal_kunjungan. */
    private static Dataset<Row> normaliseHeader(Dataset<Row> raw) {
        List<String> names = new ArrayList<>();
        for (String column : raw.columns()) {
            names.add(column.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_"));
        }
        return raw.toDF(names.toArray(String[]::new));
    }

    private static void requireColumns(Dataset<Row> raw, List<Path> files) {
        List<String> present = List.of(raw.columns());
        List<String> missing = VisitExport.COLUMNS.stream().filter(c -> !present.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("visits export is missing column(s) " + missing + " in "
                    + (files.size() == 1 ? files.get(0) : files.size() + " files starting with " + files.get(0)));
        }
    }

    /**
     * @param aggregated the sum of {@code visits} in the written table: must equal {@code accepted}
     */
    public record VisitCounts(int files, long read, long accepted, long aggregated, long quarantined,
                              Map<String, Long> quarantinedByReason) {
        public boolean balanced() {
            return read == accepted + quarantined && accepted == aggregated;
        }
    }
}
