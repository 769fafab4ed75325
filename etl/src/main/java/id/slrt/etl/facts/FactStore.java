package id.slrt.etl.facts;

import id.slrt.etl.Folders;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The resolved rows a snapshot was built from, kept in the ETL's state (they hold pseudonyms, so never in
 * the warehouse): the winning copy of every visit, every linked referral state, the duplicate copies and
 * the referrals that could not be linked. The next run reads them to recompute only the partitions that
 * changed: {@code STATE/facts/SNAPSHOT/TABLE/ym=YYYYMM/}, one generation per published snapshot. A month
 * no row of which changed is carried to the next generation as hard links, not rewritten.
 *
 * <p>Facts are a cache of the staged rows: when they are missing, or were built under other settings
 * ({@link Meta}), the run is a full one (every partition dirty) and writes them afresh.
 */
public final class FactStore {
    public static final String VISITS = "visits";
    public static final String REFERRALS = "referrals";
    public static final String DUPLICATES = "duplicates";
    public static final String PROBLEMS = "referral_problems";
    /** Month partitions of the partitioned tables: year * 100 + month. */
    public static final String YM = "ym";
    private static final String FACTS = "facts";
    private static final String STAGING_PREFIX = ".staging-";
    private static final String META = "meta.properties";

    private final Path root;

    public FactStore(Path stateDir) {
        this.root = stateDir.resolve(FACTS);
    }

    /**
     * What facts depend on besides the staged rows; facts built under another meta are not reused.
     *
     * @param lastMonth the last month-end of the referral backlog, yyyymm, 0 when there is none
     */
    public record Meta(int version, int slaDays, String reference, int lastMonth) {
        public static final int VERSION = 1;

        public boolean sameSettings(Meta other) {
            return version == other.version && slaDays == other.slaDays && reference.equals(other.reference);
        }
    }

    /** One generation: the facts of one snapshot. */
    public record Generation(Path dir, Meta meta) {
        public Path table(String table) {
            return dir.resolve(table);
        }

        public Generation withLastMonth(int lastMonth) {
            return new Generation(dir, new Meta(meta.version(), meta.slaDays(), meta.reference(), lastMonth));
        }
    }

    /** The facts of the published snapshot {@code snapshot}, when they exist and were built under {@code settings}. */
    public Optional<Generation> of(String snapshot, Meta settings) {
        Path dir = root.resolve(snapshot);
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(r);
            Meta found = new Meta(Integer.parseInt(p.getProperty("version", "0")),
                    Integer.parseInt(p.getProperty("sla_days", "-1")), p.getProperty("reference", ""),
                    Integer.parseInt(p.getProperty("last_month", "0")));
            return found.sameSettings(settings) ? Optional.of(new Generation(dir, found)) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // unreadable facts are rebuilt, never trusted
        }
    }

    /** Starts the generation of snapshot {@code snapshot}; it is complete once {@link #commit} wrote its meta. */
    public Generation begin(String snapshot, Meta meta) {
        Path dir = root.resolve(STAGING_PREFIX + snapshot);
        Folders.delete(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return new Generation(dir, meta);
    }

    /** Names the generation after its snapshot (before the snapshot is published: a published snapshot has its facts). */
    public Generation commit(Generation staging, String snapshot) {
        Path dir = root.resolve(snapshot);
        try {
            Properties p = new Properties();
            p.setProperty("version", String.valueOf(staging.meta().version()));
            p.setProperty("sla_days", String.valueOf(staging.meta().slaDays()));
            p.setProperty("reference", staging.meta().reference());
            p.setProperty("last_month", String.valueOf(staging.meta().lastMonth()));
            try (Writer w = Files.newBufferedWriter(staging.dir().resolve(META), StandardCharsets.UTF_8)) {
                p.store(w, "facts of " + snapshot);
            }
            Folders.delete(dir);
            Files.move(staging.dir(), dir, StandardCopyOption.ATOMIC_MOVE);
            return new Generation(dir, staging.meta());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the facts of " + snapshot, e);
        }
    }

    /** Removes every generation but the current snapshot's (and leftovers of runs that died). */
    public void keepOnly(String snapshot) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                if (!dir.getFileName().toString().equals(snapshot)) {
                    Folders.delete(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + root, e);
        }
    }

    public void abandon(Generation staging) {
        Folders.delete(staging.dir());
    }

    /** Writes facts into a fact table, one file per month: the facts of a month are read (and carried) together. */
    public static void write(Dataset<Row> facts, Path table) {
        facts.repartition(facts.col(YM)).write().partitionBy(YM).parquet(table.toString());
    }

    /** A fact table; empty (with this schema) when the generation has none. */
    public static Dataset<Row> read(SparkSession spark, Path table, StructType schema) {
        if (!Files.isDirectory(table)) {
            return spark.createDataFrame(java.util.List.of(), schema);
        }
        return spark.read().schema(schema).option("basePath", table.toString()).parquet(table.toString());
    }

    /** The months of a partitioned fact table (pruned to those partitions only). */
    public static Dataset<Row> read(SparkSession spark, Path table, StructType schema, Collection<Integer> months) {
        if (months.isEmpty()) {
            return spark.createDataFrame(java.util.List.of(), schema);
        }
        return read(spark, table, schema).where(functions.col(YM).isin(months.toArray()));
    }

    /** The months present in a partitioned fact table. */
    public static Set<Integer> months(Path table) {
        if (!Files.isDirectory(table)) {
            return Set.of();
        }
        try (Stream<Path> dirs = Files.list(table)) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith(YM + "="))
                    .map(n -> Integer.parseInt(n.substring(YM.length() + 1)))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + table, e);
        }
    }

    /**
     * Carries the months of {@code from} that are not {@code dirty} into {@code to} (written by Spark
     * already, or not at all): hard links where the file system allows, copies otherwise.
     */
    public static void carry(Path from, Path to, Set<Integer> dirty) {
        for (int month : months(from)) {
            if (dirty.contains(month)) {
                continue;
            }
            Path source = from.resolve(YM + "=" + month);
            Path target = to.resolve(YM + "=" + month);
            try {
                Files.createDirectories(target);
                try (Stream<Path> files = Files.list(source)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
                        link(f, target.resolve(f.getFileName()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot carry " + source + " to " + target, e);
            }
        }
    }

    private static void link(Path existing, Path link) throws IOException {
        try {
            Files.createLink(link, existing);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(existing, link); // another file system, or one without hard links
        }
    }
}
