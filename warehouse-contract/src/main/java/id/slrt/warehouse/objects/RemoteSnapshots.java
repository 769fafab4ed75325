package id.slrt.warehouse.objects;

import id.slrt.warehouse.Snapshots;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The snapshot protocol on an object store, which has no rename (docs/warehouse.md, "On object storage").
 *
 * <p>Writer ({@link #publish}): every file of a finished local snapshot goes under its own prefix
 * ({@code snapshot-.../}), then that prefix's {@code MANIFEST} (SHA-256, size and path of every file), and only
 * then the small pointer object {@code CURRENT}, overwritten in one request. A writer that dies at any point
 * leaves {@code CURRENT} naming the previous, complete snapshot.
 *
 * <p>Reader ({@link #fetch}): when {@code CURRENT} names a snapshot the local copy does not hold, its files are
 * downloaded into a local staging folder, each checked against the manifest, and published locally with the
 * folder protocol ({@link Snapshots}): DuckDB keeps reading local files, and never a half-fetched snapshot.
 */
public final class RemoteSnapshots {
    public static final String MANIFEST = "MANIFEST";
    private static final String MANIFEST_HEADER = "slrt-snapshot-manifest 1";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(Snapshots.SNAPSHOT_PREFIX) + "[0-9]{8}T[0-9]{9}Z");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_=-][A-Za-z0-9._=-]{0,199}");
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) ([0-9]{1,13}) (\\S{1,1000})");
    /** Bounds on what another machine's objects may make a reader do. */
    static final int MAX_POINTER_BYTES = 256;
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    static final int MAX_FILES = 20_000;
    static final int MAX_DEPTH = 6;
    public static final long DEFAULT_MAX_SNAPSHOT_BYTES = 8L * 1024 * 1024 * 1024;

    private final ObjectStore store;
    private final ObjectLocation warehouse;

    public RemoteSnapshots(ObjectStore store, ObjectLocation warehouse) {
        this.store = store;
        this.warehouse = warehouse;
    }

    public ObjectLocation location() {
        return warehouse;
    }

    /** Uploads a complete local snapshot folder, then its manifest, then switches {@code CURRENT} to it. */
    public void publish(Path snapshotDir) {
        String name = snapshotDir.getFileName().toString();
        requireName(name);
        ObjectLocation target = warehouse.child(name);
        StringBuilder manifest = new StringBuilder(MANIFEST_HEADER).append('\n');
        List<Path> files = localFiles(snapshotDir);
        for (Path file : files) {
            String relative = relative(snapshotDir, file);
            manifest.append(sha256(file)).append(' ').append(size(file)).append(' ').append(relative).append('\n');
            store.put(target, relative, file);
        }
        manifest.append("end ").append(files.size()).append('\n');
        store.put(target, MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
        switchCurrent(name);
    }

    /** The pointer: one small object, replaced in one request (S3 gives a reader the old or the new, whole). */
    public void switchCurrent(String name) {
        requireName(name);
        store.put(warehouse, Snapshots.CURRENT, (name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The snapshot {@code CURRENT} names, empty when there is none yet; a malformed pointer is an error. */
    public Optional<String> current() {
        return store.read(warehouse, Snapshots.CURRENT, MAX_POINTER_BYTES).map(read -> {
            String name = new String(read.bytes(), StandardCharsets.UTF_8).strip();
            requireName(name);
            return name;
        });
    }

    /**
     * Brings the local warehouse to the snapshot {@code CURRENT} names: nothing when it is already there,
     * else download, verify and publish locally. Returns the snapshot fetched, empty when nothing changed.
     * On any failure the local {@code CURRENT} is untouched and the staging folder removed.
     */
    public Optional<String> fetch(Path localWarehouse, long maxBytes) {
        Optional<String> name = current();
        Snapshots local = new Snapshots(localWarehouse);
        if (name.isEmpty() || name.equals(local.current())) {
            return Optional.empty();
        }
        Map<String, Manifested> manifest = manifest(name.get(), maxBytes);
        Snapshots.Staging staging = local.begin(name.get());
        try {
            ObjectLocation source = warehouse.child(name.get());
            for (Manifested file : manifest.values()) {
                Path target = staging.dir().resolve(file.path());
                Files.createDirectories(target.getParent());
                long written = store.download(source, file.path(), target, file.size());
                if (written != file.size()) {
                    throw new IllegalStateException(source.key(file.path()) + " has " + (written > file.size() ? "more" : "fewer")
                            + " bytes than its manifest's " + file.size());
                }
                if (!sha256(target).equals(file.sha256())) {
                    throw new IllegalStateException(source.key(file.path()) + " does not match its manifest's SHA-256");
                }
            }
            // A folder of that name left from before (CURRENT switched back to it) gives way to the verified copy.
            Snapshots.delete(local.root().resolve(name.get()));
            local.publish(staging);
            return name;
        } catch (IOException e) {
            local.abandon(staging);
            throw new UncheckedIOException("cannot fetch " + name.get() + " into " + localWarehouse, e);
        } catch (RuntimeException e) {
            local.abandon(staging);
            throw e;
        }
    }

    /** One line of a manifest. */
    record Manifested(String sha256, long size, String path) {
    }

    private Map<String, Manifested> manifest(String name, long maxBytes) {
        String where = warehouse.child(name).key(MANIFEST);
        byte[] bytes = store.read(warehouse.child(name), MANIFEST, MAX_MANIFEST_BYTES)
                .orElseThrow(() -> new IllegalStateException("CURRENT names " + name + ", which has no " + where))
                .bytes();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 3 || !lines[0].equals(MANIFEST_HEADER) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalStateException(where + " is no snapshot manifest");
        }
        Map<String, Manifested> files = new LinkedHashMap<>();
        long total = 0;
        for (int i = 1; i < lines.length - 2; i++) {
            var m = LINE.matcher(lines[i]);
            if (!m.matches()) {
                throw new IllegalStateException(where + ": line " + (i + 1) + " is no 'sha256 size path'");
            }
            String path = m.group(3);
            requirePath(path, where);
            Manifested file = new Manifested(m.group(1), Long.parseLong(m.group(2)), path);
            total += file.size();
            if (files.put(path, file) != null || files.size() > MAX_FILES || total > maxBytes) {
                throw new IllegalStateException(where + " lists a path twice, more than " + MAX_FILES
                        + " files or more than " + maxBytes + " bytes");
            }
        }
        if (!lines[lines.length - 2].equals("end " + files.size())) {
            throw new IllegalStateException(where + " is cut short (no 'end " + files.size() + "')");
        }
        return files;
    }

    /**
     * Deletes every snapshot prefix but {@code CURRENT}'s and the newest {@code keep} complete ones, and
     * the leftovers of writers that died before their switch. Only the one writer holding the run lock calls it.
     */
    public List<String> cleanUp(int keep) {
        String current = current().orElse("");
        Map<String, List<String>> byPrefix = new LinkedHashMap<>();
        for (ObjectStore.Entry entry : store.list(warehouse)) {
            int slash = entry.key().indexOf('/');
            if (slash > 0 && entry.key().startsWith(Snapshots.SNAPSHOT_PREFIX)) {
                byPrefix.computeIfAbsent(entry.key().substring(0, slash), k -> new ArrayList<>()).add(entry.key());
            }
        }
        Set<String> kept = new TreeSet<>(Comparator.reverseOrder());
        byPrefix.forEach((name, keys) -> {
            if (keys.contains(name + "/" + MANIFEST)) {
                kept.add(name);
            }
        });
        List<String> newest = kept.stream().limit(Math.max(keep, 1)).toList();
        List<String> removed = byPrefix.keySet().stream()
                .filter(name -> !name.equals(current) && !newest.contains(name)).sorted().toList();
        for (String name : removed) {
            List<String> keys = new ArrayList<>(byPrefix.get(name));
            // The manifest goes first: a prefix without one is never fetched, whatever else is left.
            keys.sort(Comparator.comparing((String k) -> !k.endsWith("/" + MANIFEST)));
            store.delete(warehouse, keys);
        }
        return removed;
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException("'" + (name.length() > 80 ? name.substring(0, 80) + "..." : name)
                    + "' is no snapshot name (snapshot-yyyyMMddTHHmmssSSSZ)");
        }
    }

    private static void requirePath(String path, String where) {
        String[] segments = path.split("/", -1);
        if (segments.length > MAX_DEPTH) {
            throw new IllegalStateException(where + " lists a path deeper than " + MAX_DEPTH + " folders");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalStateException(where + " lists a path that cannot be a snapshot file: '"
                        + (path.length() > 80 ? path.substring(0, 80) + "..." : path) + "'");
            }
        }
        if (path.equals(MANIFEST)) {
            throw new IllegalStateException(where + " lists itself");
        }
    }

    /** The snapshot's data files: Spark's hidden checksum files ({@code .part-...crc}) stay behind. */
    private static List<Path> localFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
