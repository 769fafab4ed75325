package id.slrt.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The warehouse folder and its snapshot protocol (docs/warehouse.md, "Layout"): snapshot folders and the
 * {@code CURRENT} file naming the one readers use.
 *
 * <p>Writers: a snapshot is built under a staging name ({@link #begin}), renamed when complete, and only
 * then named in {@code CURRENT}, written to a temporary file and moved over atomically ({@link #publish}):
 * a reader that follows {@code CURRENT} never sees a half-written snapshot, whenever the writer dies.
 *
 * <p>Readers: {@link #resolveCurrent()} turns {@code CURRENT} into a snapshot folder inside the warehouse,
 * or says why there is none.
 */
public class Snapshots {
    public static final String CURRENT = "CURRENT";
    public static final String SNAPSHOT_PREFIX = "snapshot-";
    /** A snapshot being written: {@code .staging-snapshot-...}; never named by {@code CURRENT}. */
    public static final String STAGING_PREFIX = ".staging-";
    private static final String CURRENT_TMP = CURRENT + ".tmp";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path root;

    public Snapshots(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A sortable UTC time stamp: names runs and snapshots. */
    public static String stamp(Instant at) {
        return STAMP.format(at);
    }

    /** The name of the snapshot a run started at this time publishes. */
    public static String snapshotName(Instant startedAt) {
        return SNAPSHOT_PREFIX + stamp(startedAt);
    }

    /** Starts a snapshot; its tables are written into {@link Staging#dir()}. */
    public Staging begin(Instant startedAt) {
        return begin(snapshotName(startedAt));
    }

    /**
     * Starts a snapshot under a name given elsewhere: a copy of a snapshot published on object storage
     * ({@code objects.RemoteSnapshots#fetch}).
     */
    public Staging begin(String snapshotName) {
        if (!snapshotName.startsWith(SNAPSHOT_PREFIX) || snapshotName.contains("/") || snapshotName.contains("\\")) {
            throw new IllegalArgumentException("'" + snapshotName + "' is no snapshot name");
        }
        try {
            Files.createDirectories(root);
            Path dir = root.resolve(STAGING_PREFIX + snapshotName);
            delete(dir);
            Files.createDirectories(dir);
            return new Staging(snapshotName, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a snapshot in " + root, e);
        }
    }

    /**
     * Makes a complete staging snapshot the current one. Every data file and folder reaches the disk
     * before the rename, and the renamed folder and {@code CURRENT.tmp} before {@code CURRENT} is
     * replaced: after a power cut {@code CURRENT} names either the old snapshot or a whole new one.
     */
    public Path publish(Staging staging) {
        try {
            Durably.syncTree(staging.dir());
            Path finalDir = root.resolve(staging.name());
            Files.move(staging.dir(), finalDir, StandardCopyOption.ATOMIC_MOVE);
            Durably.sync(root);
            writeCurrent(staging.name());
            return finalDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish snapshot " + staging.name() + " in " + root
                    + DiskFull.explain(e), e);
        }
    }

    /**
     * The atomic switch: names a published snapshot folder in {@code CURRENT} by writing {@code CURRENT.tmp},
     * forcing it to the disk and moving it over {@code CURRENT}. {@link #publish} ends with it.
     */
    public void switchCurrent(String snapshotName) {
        try {
            writeCurrent(snapshotName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot point " + CURRENT + " at " + snapshotName + " in " + root
                    + DiskFull.explain(e), e);
        }
    }

    private void writeCurrent(String snapshotName) throws IOException {
        Path tmp = root.resolve(CURRENT_TMP);
        Files.writeString(tmp, snapshotName + "\n", StandardCharsets.UTF_8);
        Durably.sync(tmp);
        Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durably.sync(root);
    }

    /** Removes a snapshot that will not be published (its run failed): no staging folder stays behind. */
    public void abandon(Staging staging) {
        delete(staging.dir());
        delete(root.resolve(CURRENT_TMP));
    }

    /** The name {@code CURRENT} holds, as written; empty when there is none. */
    public Optional<String> current() {
        Path file = root.resolve(CURRENT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String name = Files.readString(file, StandardCharsets.UTF_8).trim();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The folder {@code CURRENT} names (the writer's view: not checked; see {@link #resolveCurrent()}). */
    public Optional<Path> currentDir() {
        return current().map(root::resolve);
    }

    /**
     * The reader's view of {@code CURRENT}, read afresh: the snapshot folder it names, which must be a folder
     * directly inside the warehouse and no staging folder, or why there is no snapshot to serve.
     */
    public Current resolveCurrent() {
        Path file = root.resolve(CURRENT);
        String name;
        try {
            name = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return new Current.Missing("No " + file + ": the ETL has not published a snapshot yet");
        } catch (IOException e) {
            return new Current.Missing("Cannot read " + file + ": " + e);
        }
        if (name.isEmpty()) {
            return new Current.Missing(file + " is empty");
        }
        Path dir = root.resolve(name).normalize();
        // CURRENT must name a folder inside the warehouse, never a path elsewhere on the disk nor a staging folder.
        if (!root.equals(dir.getParent()) || !Files.isDirectory(dir) || name.startsWith(STAGING_PREFIX)) {
            return new Current.Missing(file + " names '" + name + "', which is no snapshot folder in " + root);
        }
        return new Current.Found(name, dir);
    }

    /** Removes leftovers of interrupted runs and all but the newest {@code keep} snapshots (never CURRENT). */
    public List<String> cleanUp(int keep) {
        String current = current().orElse("");
        try (Stream<Path> children = Files.list(root)) {
            List<Path> all = children.filter(Files::isDirectory).toList();
            List<Path> snapshots = all.stream()
                    .filter(p -> p.getFileName().toString().startsWith(SNAPSHOT_PREFIX))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
            List<Path> doomed = Stream.concat(
                            all.stream().filter(p -> p.getFileName().toString().startsWith(STAGING_PREFIX)),
                            snapshots.stream().skip(Math.max(keep, 1)))
                    .filter(p -> !p.getFileName().toString().equals(current))
                    .toList();
            for (Path p : doomed) {
                delete(p);
            }
            return doomed.stream().map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + root, e);
        }
    }

    /** A snapshot being written. */
    public record Staging(String name, Path dir) {
        /** The folder of one table, as a string for a writer's {@code write().parquet(...)}. */
        public String table(String table) {
            return dir.resolve(table).toString();
        }
    }

    /** Deletes {@code dir} and everything below it; nothing when it does not exist (etl's Folders too). */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
