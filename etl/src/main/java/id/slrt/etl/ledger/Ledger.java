package id.slrt.etl.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which export files the warehouse is built from, by content hash. A file whose path, size and
 * modification time are unchanged keeps its hash without being read again; a new or changed file
 * gets the next sequence number, which is the "export order" that decides which copy of a visit or
 * referral state is the latest.
 */
public final class Ledger {
    /**
     * @param path        relative to the inbox, with '/' separators
     * @param folderHint  the first folder of the path when it is a 4-digit district code, else null
     * @param batch       the staging batch holding the file's checked rows, null until it is staged
     */
    public record Entry(String path, long size, long modified, String sha256, long seq, String folderHint,
                        String batch) {
        public Entry withBatch(String newBatch) {
            return new Entry(path, size, modified, sha256, seq, folderHint, newBatch);
        }
    }

    private Ledger() {
    }

    /** The inbox's files now, hashed where needed, numbered after the previous ledger. */
    public static List<Entry> scan(Path inbox, List<Entry> previous) {
        Map<String, Entry> byPath = new HashMap<>();
        Map<String, Long> seqBySha = new HashMap<>();
        Map<String, String> batchBySha = new HashMap<>();
        long maxSeq = 0;
        for (Entry e : previous) {
            byPath.put(e.path(), e);
            seqBySha.merge(e.sha256(), e.seq(), Math::min);
            batchBySha.put(e.sha256(), e.batch());
            maxSeq = Math.max(maxSeq, e.seq());
        }
        List<Entry> entries = new ArrayList<>();
        for (Path file : files(inbox)) {
            String path = inbox.relativize(file).toString().replace('\\', '/');
            long size;
            long modified;
            try {
                size = Files.size(file);
                modified = Files.getLastModifiedTime(file).toMillis();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            Entry old = byPath.get(path);
            String sha = old != null && old.size() == size && old.modified() == modified ? old.sha256() : sha256(file);
            Long seq = old != null && old.sha256().equals(sha) ? Long.valueOf(old.seq()) : seqBySha.get(sha);
            if (seq == null) {
                seq = ++maxSeq;
                seqBySha.put(sha, seq);
            }
            entries.add(new Entry(path, size, modified, sha, seq, folderHint(path), batchBySha.get(sha)));
        }
        return entries;
    }

    private static List<Path> files(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            throw new IllegalArgumentException("inbox folder not found: " + inbox.toAbsolutePath());
        }
        try (Stream<Path> walk = Files.walk(inbox)) {
            // Hidden files (.DS_Store, editor swap files) are no exports.
            return walk.filter(Files::isRegularFile)
                    .filter(p -> inbox.relativize(p).toString().chars().noneMatch(c -> c == '~')
                            && Stream.iterate(inbox.relativize(p), q -> q != null, Path::getParent)
                            .noneMatch(q -> q.getFileName().toString().startsWith(".")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list inbox " + inbox, e);
        }
    }

    private static String folderHint(String path) {
        int slash = path.indexOf('/');
        String first = slash < 0 ? "" : path.substring(0, slash);
        return first.matches("\\d{4}") ? first : null;
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // the digest stream hashes as it reads
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
