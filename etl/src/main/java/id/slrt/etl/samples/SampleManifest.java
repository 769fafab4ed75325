package id.slrt.etl.samples;

import id.slrt.etl.ledger.Ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Tells generated sample data from real exports: {@code ./slrt generate} lists the content hash of every
 * file it writes in {@code INBOX/.slrt-sample} (a hidden file, so never read as an export), and an inbox
 * is sample data only while every export in it is one of those files, unchanged.
 *
 * <p>What depends on it: the demo users and the key file in the state folder are allowed for sample data
 * only. A real export copied into the inbox, or a sample file edited by hand, makes the inbox real.
 */
public final class SampleManifest {
    public static final String FILE = ".slrt-sample";

    private SampleManifest() {
    }

    /** A snapshot of the folder's files (path to hash), taken before the generator writes into it. */
    public static Map<String, String> before(Path out) {
        return hashes(out);
    }

    /**
     * Records the files the generator wrote since {@link #before}: new or changed ones, added to the
     * entries of an earlier generation that are still there unchanged.
     */
    public static void record(Path out, Map<String, String> before) {
        Map<String, String> now = hashes(out);
        Map<String, String> manifest = new TreeMap<>(read(out));
        manifest.entrySet().removeIf(e -> !e.getValue().equals(now.get(e.getKey())));
        now.forEach((path, sha) -> {
            if (!sha.equals(before.get(path))) {
                manifest.put(path, sha);
            }
        });
        StringBuilder text = new StringBuilder("# Files written by ./slrt generate (sha256, path): sample data, not real exports\n");
        manifest.forEach((path, sha) -> text.append(sha).append("  ").append(path).append('\n'));
        try {
            Files.writeString(out.resolve(FILE), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(FILE), e);
        }
    }

    /** True when the inbox has exports and every one is an unchanged file of the generator. */
    public static boolean covers(Path inbox, List<Ledger.Entry> entries) {
        Map<String, String> manifest = read(inbox);
        return !entries.isEmpty() && entries.stream().allMatch(e -> e.sha256().equals(manifest.get(e.path())));
    }

    /** True when every file in the folder is an unchanged file of the generator (for ./slrt start). */
    public static boolean covers(Path inbox) {
        Map<String, String> manifest = read(inbox);
        Map<String, String> files = hashes(inbox);
        return !files.isEmpty() && files.entrySet().stream().allMatch(e -> e.getValue().equals(manifest.get(e.getKey())));
    }

    private static Map<String, String> read(Path folder) {
        Path file = folder.resolve(FILE);
        Map<String, String> manifest = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return manifest;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.filter(l -> !l.startsWith("#") && l.contains("  "))
                    .forEach(l -> manifest.put(l.substring(l.indexOf("  ") + 2), l.substring(0, l.indexOf("  "))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return manifest;
    }

    /** Every file below the folder (links and hidden files included: anything there could be read). */
    private static Map<String, String> hashes(Path folder) {
        Map<String, String> hashes = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return hashes;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(p -> !p.equals(folder) && !Files.isDirectory(p)).toList()) {
                String path = folder.relativize(p).toString().replace('\\', '/');
                if (!path.equals(FILE)) {
                    hashes.put(path, Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Ledger.sha256(p) : "not-a-file");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return hashes;
    }
}
