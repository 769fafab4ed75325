package id.slrt.etl.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which export files the warehouse is built from, by content hash. A file whose path, size and
 * modification time are unchanged keeps its hash without being read again; a new or changed file
 * gets the next sequence number, which is the "export order" that decides which copy of a visit or
 * referral state is the latest.
 */
public final class Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
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
        Path root = realFolder(inbox);
        for (Map.Entry<Path, BasicFileAttributes> listed : files(root).entrySet()) {
            Path file = listed.getKey();
            BasicFileAttributes attributes = listed.getValue();
            String path = root.relativize(file).toString().replace('\\', '/');
            long size = attributes.size();
            long modified = attributes.lastModifiedTime().toMillis();
            Entry old = byPath.get(path);
            String sha;
            if (!attributes.isRegularFile()) {
                // Never opened (a link may point anywhere, a FIFO would block): an id from its path, and
                // the parser rejects it as NOT_A_FILE like any rejected file.
                sha = sha256((attributes.isSymbolicLink() ? "link:" : "special:") + path);
            } else if (old != null && old.size() == size && old.modified() == modified) {
                sha = old.sha256();
            } else {
                sha = sha256(file, path, size, modified);
            }
            Long seq = old != null && old.sha256().equals(sha) ? Long.valueOf(old.seq()) : seqBySha.get(sha);
            if (seq == null) {
                seq = ++maxSeq;
                seqBySha.put(sha, seq);
            }
            entries.add(new Entry(path, size, modified, sha, seq, folderHint(path), batchBySha.get(sha)));
        }
        return entries;
    }

    /**
     * Every file of the inbox with its own attributes (links not followed): regular files, and symbolic
     * links and special files, which are listed so that they get an answer, never read. Hidden files
     * (.DS_Store, editor swap files) are no exports; a folder that cannot be listed is skipped.
     */
    /** The inbox itself may be a link (an operator's mount): only links inside it are not followed. */
    private static Path realFolder(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            throw new IllegalArgumentException("inbox folder not found: " + inbox.toAbsolutePath());
        }
        try {
            return inbox.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open inbox " + inbox, e);
        }
    }

    private static Map<Path, BasicFileAttributes> files(Path inbox) {
        Map<Path, BasicFileAttributes> files = new TreeMap<>();
        try {
            Files.walkFileTree(inbox, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(inbox) || !hidden(inbox, dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!hidden(inbox, file) && !attrs.isDirectory()) {
                        files.put(file, attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    LOG.warn("cannot list {} in the inbox ({}): skipped", inbox.relativize(file), e.getClass().getSimpleName());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list inbox " + inbox, e);
        }
        return files;
    }

    private static boolean hidden(Path inbox, Path p) {
        Path relative = inbox.relativize(p);
        return relative.toString().chars().anyMatch(c -> c == '~')
                || Stream.iterate(relative, q -> q != null, Path::getParent)
                .anyMatch(q -> q.getFileName().toString().startsWith("."));
    }

    private static String folderHint(String path) {
        int slash = path.indexOf('/');
        String first = slash < 0 ? "" : path.substring(0, slash);
        return first.matches("\\d{4}") ? first : null;
    }

    /**
     * A file that cannot be read now (permissions) still gets an id, from its path, size and time: the
     * parser then rejects it as UNREADABLE_FILE or FILE_CHANGED instead of the whole run failing.
     */
    private static String sha256(Path file, String path, long size, long modified) {
        try {
            return sha256(file);
        } catch (UncheckedIOException e) {
            LOG.warn("cannot hash {} ({}): it is rejected", path, e.getCause().getClass().getSimpleName());
            return sha256("unreadable:" + path + ":" + size + ":" + modified);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                MessageDigest.getInstance("SHA-256"))) {
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
