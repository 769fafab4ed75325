package id.slrt.etl.objects;

import id.slrt.warehouse.objects.ObjectLocation;
import id.slrt.warehouse.objects.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A local working copy of a folder kept on object storage (the inbox, the ETL's state). {@link #pull}
 * brings the copy to the store's state, downloading only objects whose version (ETag) changed since the
 * last pull; {@link #push} sends back only the files the run wrote or changed and deletes the objects of
 * files it removed. What was seen is recorded next to the copy ({@code .mirror-NAME.tsv}), so a run on a
 * machine that keeps its work folder moves only what changed.
 */
final class Mirror {
    private final ObjectStore store;
    private final ObjectLocation remote;
    private final Path local;
    private final Path record;
    private final Predicate<String> mirrored;
    /** key -> etag, size, local modification time, as of the last pull or push. */
    private final Map<String, Seen> seen = new LinkedHashMap<>();
    private int skippedNames;

    private record Seen(String etag, long size, long modified) {
    }

    /** What one pull or push moved. */
    record Moved(int kept, int copied, long bytes, int deleted, int skippedNames) {
    }

    Mirror(ObjectStore store, ObjectLocation remote, Path local, Predicate<String> mirrored) {
        this.store = store;
        this.remote = remote;
        this.local = local.toAbsolutePath().normalize();
        this.record = this.local.resolveSibling(".mirror-" + this.local.getFileName() + ".tsv");
        this.mirrored = mirrored;
    }

    /**
     * Makes the local folder hold exactly the store's objects. An object larger than {@code maxBytes} arrives cut
     * one byte past it (the reader's size check refuses it as it would the original); a key that cannot be a
     * file name here ({@code ..}, control characters, backslashes) is skipped and counted.
     */
    Moved pull(long maxBytes) {
        readRecord();
        try {
            Files.createDirectories(local);
            int kept = 0;
            int copied = 0;
            long bytes = 0;
            Set<String> present = new HashSet<>();
            for (ObjectStore.Entry entry : store.list(remote)) {
                if (!mirrored.test(entry.key())) {
                    continue;
                }
                Path target = safeTarget(entry.key());
                if (target == null) {
                    skippedNames++;
                    continue;
                }
                present.add(entry.key());
                Seen before = seen.get(entry.key());
                if (before != null && before.etag().equals(entry.etag()) && Files.isRegularFile(target)
                        && Files.size(target) == before.size() && modified(target) == before.modified()) {
                    kept++;
                    continue;
                }
                Files.createDirectories(target.getParent());
                Path part = target.resolveSibling(target.getFileName() + ".mirror-part");
                long n = store.download(remote, entry.key(), part, maxBytes);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                // The object's time, not the download's: the ETL's ledger skips hashing a file whose size and time held.
                Files.setLastModifiedTime(target, FileTime.from(entry.lastModified()));
                seen.put(entry.key(), new Seen(entry.etag(), n, modified(target)));
                copied++;
                bytes += n;
            }
            int deleted = 0;
            for (Path file : localFiles()) {
                String key = key(file);
                if (mirrored.test(key) && !present.contains(key)) {
                    Files.delete(file);
                    seen.remove(key);
                    deleted++;
                }
            }
            seen.keySet().retainAll(present);
            writeRecord();
            return new Moved(kept, copied, bytes, deleted, skippedNames);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + remote + " into " + local, e);
        }
    }

    /** Sends the run's changes back: new and changed files up, removed files' objects deleted. */
    Moved push() {
        try {
            int kept = 0;
            int copied = 0;
            long bytes = 0;
            Set<String> present = new HashSet<>();
            for (Path file : localFiles()) {
                String key = key(file);
                if (!mirrored.test(key)) {
                    continue;
                }
                present.add(key);
                long size = Files.size(file);
                long modified = modified(file);
                Seen before = seen.get(key);
                if (before != null && before.size() == size && before.modified() == modified) {
                    kept++;
                    continue;
                }
                seen.put(key, new Seen(store.put(remote, key, file), size, modified));
                copied++;
                bytes += size;
            }
            List<String> gone = new ArrayList<>(seen.keySet().stream().filter(k -> !present.contains(k)).toList());
            store.delete(remote, gone);
            gone.forEach(seen::remove);
            writeRecord();
            return new Moved(kept, copied, bytes, gone.size(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + local + " to " + remote, e);
        }
    }

    private Path safeTarget(String key) {
        if (key.isEmpty() || key.length() > 1024 || key.endsWith("/") || key.contains("\\")
                || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || key.endsWith(".mirror-part")) {
            return null;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.getBytes(StandardCharsets.UTF_8).length > 255) {
                return null;
            }
        }
        Path target = local.resolve(key).normalize();
        return target.startsWith(local) && !target.equals(local) ? target : null;
    }

    private List<Path> localFiles() throws IOException {
        if (!Files.isDirectory(local)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(local)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private String key(Path file) {
        return local.relativize(file).toString().replace('\\', '/');
    }

    private static long modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toMillis();
    }

    private void readRecord() {
        seen.clear();
        if (!Files.isRegularFile(record)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length == 4) {
                    seen.put(f[0], new Seen(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
                }
            }
        } catch (IOException | NumberFormatException e) {
            seen.clear(); // a damaged record only costs a full download
        }
    }

    private void writeRecord() throws IOException {
        StringBuilder out = new StringBuilder();
        seen.forEach((k, s) -> out.append(k).append('\t').append(s.etag()).append('\t').append(s.size()).append('\t')
                .append(s.modified()).append('\n'));
        Path tmp = record.resolveSibling(record.getFileName() + ".tmp");
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
