package id.slrt.etl.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The ETL's state folder holds raw export lines (names, NIK, birth dates) and the pseudonym key: only
 * the account that runs the ETL may read it. Directories 700, files 600. Spark and Hadoop write with
 * the process umask, so what they wrote is restricted afterwards; the state folder itself is 700 first,
 * so nothing below it is reachable by others in between.
 */
public final class OwnerOnly {
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} (and parents) if needed and makes {@code dir} itself owner-only. */
    public static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        set(dir, DIRECTORY);
        return dir;
    }

    /** Makes {@code root} and everything below it owner-only; nothing when it does not exist. */
    public static void tree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue; // never change what a link points to, outside the state
                }
                set(p, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY : FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + root, e);
        }
    }

    private static void set(Path p, Set<PosixFilePermission> permissions) {
        try {
            if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(permissions)) {
                Files.setPosixFilePermissions(p, permissions);
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows and the like: the folder's ACL is the operator's job (docs/security.md).
        } catch (java.nio.file.NoSuchFileException gone) {
            // removed meanwhile (a Spark temporary file): nothing to protect
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + p, e);
        }
    }
}
