package id.slrt.etl.warehouse;

import id.slrt.etl.Folders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * The warehouse folder: snapshot folders and the {@code CURRENT} file naming the one readers use.
 *
 * <p>A snapshot is built under a staging name, renamed when complete, and only then named in
 * {@code CURRENT} (written to a temporary file and moved over atomically): a reader that follows
 * {@code CURRENT} never sees a half-written snapshot, whenever the ETL dies.
 */
public final class Warehouse {
    public static final String CURRENT = "CURRENT";
    public static final String SNAPSHOT_PREFIX = "snapshot-";
    /** The version of docs/warehouse.md the tables follow; a test holds the two together. */
    public static final int SCHEMA_VERSION = 6;
    private static final String STAGING_PREFIX = ".staging-";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path root;

    public Warehouse(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A sortable UTC time stamp: names runs and snapshots. */
    public static String stamp(Instant at) {
        return STAMP.format(at);
    }

    /** Starts a snapshot; its tables are written into {@link Staging#dir()}. */
    public Staging begin(Instant startedAt) {
        String name = SNAPSHOT_PREFIX + stamp(startedAt);
        try {
            Files.createDirectories(root);
            Path dir = root.resolve(STAGING_PREFIX + name);
            Folders.delete(dir);
            Files.createDirectories(dir);
            return new Staging(name, dir);
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
            Path tmp = root.resolve(CURRENT + ".tmp");
            Files.writeString(tmp, staging.name() + "\n", StandardCharsets.UTF_8);
            Durably.sync(tmp);
            Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Durably.sync(root);
            return finalDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish snapshot " + staging.name() + " in " + root
                    + DiskFull.explain(e), e);
        }
    }

    /** Removes a snapshot that will not be published (its run failed): no staging folder stays behind. */
    public void abandon(Staging staging) {
        Folders.delete(staging.dir());
        Folders.delete(root.resolve(CURRENT + ".tmp"));
    }

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

    public Optional<Path> currentDir() {
        return current().map(root::resolve);
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
                Folders.delete(p);
            }
            return doomed.stream().map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + root, e);
        }
    }

    /** A snapshot being written. */
    public record Staging(String name, Path dir) {
        public String table(String table) {
            return dir.resolve(table).toString();
        }
    }
}
