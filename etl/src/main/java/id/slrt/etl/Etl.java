package id.slrt.etl;

import id.slrt.etl.regions.Regions;
import id.slrt.etl.visits.VisitsEtl;
import id.slrt.etl.visits.VisitsEtl.VisitCounts;
import id.slrt.etl.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** One ETL run: inbox exports in, a new published warehouse snapshot out. */
public final class Etl {
    public static final String REGIONS_TABLE = "regions";

    /**
     * @param keepSnapshots how many published snapshots to keep (the current one is always kept)
     */
    public record Config(Path inbox, Path warehouse, Path referenceDir, int keepSnapshots) {
    }

    public record Report(String snapshot, Instant startedAt, Instant finishedAt, VisitCounts visits,
                         List<String> removedSnapshots) {
        public Duration duration() {
            return Duration.between(startedAt, finishedAt);
        }
    }

    private final SparkSession spark;

    public Etl(SparkSession spark) {
        this.spark = spark;
    }

    public Report run(Config config) {
        Instant startedAt = Instant.now();
        List<Path> files = exportFiles(config.inbox());
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no export files (*.csv) in inbox " + config.inbox().toAbsolutePath());
        }
        Regions regions = Regions.load(config.referenceDir());
        Warehouse warehouse = new Warehouse(config.warehouse());
        Warehouse.Staging staging = warehouse.begin(startedAt);

        Dataset<Row> regionTable = spark.read().option("header", true).csv(regions.regionsFile().toString())
                .selectExpr("code", "level", "type", "name", "name_full", "province_code", "province_name");
        regionTable.coalesce(1).write().parquet(staging.table(REGIONS_TABLE));
        Dataset<Row> districts = regionTable.where("level = 'KABUPATEN_KOTA'").select("code", "name");

        VisitCounts visits = new VisitsEtl(spark).run(files, districts, staging.dir());
        if (!visits.balanced()) {
            // Nothing is published: the previous snapshot stays current.
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "row counts do not balance: read %d, accepted %d, quarantined %d, in aggregate %d",
                    visits.read(), visits.accepted(), visits.quarantined(), visits.aggregated()));
        }
        warehouse.publish(staging);
        List<String> removed = warehouse.cleanUp(config.keepSnapshots());
        return new Report(staging.name(), startedAt, Instant.now(), visits, removed);
    }

    /** Every *.csv below the inbox, in a stable order. */
    static List<Path> exportFiles(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            throw new IllegalArgumentException("inbox folder not found: " + inbox.toAbsolutePath());
        }
        try (Stream<Path> walk = Files.walk(inbox)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list inbox " + inbox, e);
        }
    }
}
