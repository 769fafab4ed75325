package id.slrt.dashboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One fixture warehouse for the Spring tests of this JVM, built on first use. Spring reads
 * {@code slrt.warehouse} when it starts a context, before JUnit's per-class {@code @TempDir} is
 * guaranteed to exist, so the folder is made here and removed when the JVM exits.
 */
public final class SharedWarehouse {

    private static Path standard;
    private static Path empty;

    private SharedWarehouse() {
    }

    /** The standard fixture ({@link WarehouseFixture#build}). */
    public static synchronized Path standard() {
        if (standard == null) {
            standard = WarehouseFixture.build(newTempDir("slrt-warehouse-"));
        }
        return standard;
    }

    /** A warehouse folder where the ETL has not published yet: no CURRENT. */
    public static synchronized Path empty() {
        if (empty == null) {
            empty = newTempDir("slrt-warehouse-empty-");
        }
        return empty;
    }

    private static Path newTempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort at JVM exit: a leftover temp folder harms nothing.
        }
    }
}
