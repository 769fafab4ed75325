package id.slrt.warehouse;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * fsync for files and folders: a rename is only as durable as the data and the folder entries behind it.
 * Spark's writers close their files without forcing them to the disk.
 */
final class Durably {
    private Durably() {
    }

    /** Every file below the folder, then every folder, deepest first. */
    static void syncTree(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p)) {
                sync(p);
            }
        }
        for (Path p : all.reversed()) {
            if (Files.isDirectory(p)) {
                sync(p);
            }
        }
    }

    /** fsync of one file or folder (Linux allows it on a folder opened for reading). */
    static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e;
            }
            // Some platforms cannot open a folder as a channel; the data files themselves were forced.
        }
    }
}
