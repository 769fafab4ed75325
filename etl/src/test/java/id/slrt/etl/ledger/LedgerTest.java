package id.slrt.etl.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ledger lists, and how it names what it must not open. */
class LedgerTest {
    @TempDir
    Path dir;

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void linksAndSpecialFilesAreListedWithAnIdFromTheirPathAndNeverOpened() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox/3404"));
        Files.writeString(inbox.resolve("kunjungan.csv"), "id_kunjungan\n");
        Files.createSymbolicLink(inbox.resolve("tautan.csv"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(inbox.resolve("folder_lain"), Path.of("/etc"));
        Files.writeString(inbox.resolve(".DS_Store"), "x");
        boolean fifo = new ProcessBuilder("mkfifo", inbox.resolve("pipa.csv").toString()).start().waitFor() == 0;

        Map<String, String> ids = Ledger.scan(dir.resolve("inbox"), List.of()).stream()
                .collect(Collectors.toMap(Ledger.Entry::path, Ledger.Entry::sha256));

        assertThat(ids).containsEntry("3404/kunjungan.csv",
                        sha256("id_kunjungan\n".getBytes(StandardCharsets.UTF_8)))
                .containsEntry("3404/tautan.csv", sha256("link:3404/tautan.csv".getBytes(StandardCharsets.UTF_8)))
                .containsEntry("3404/folder_lain", sha256("link:3404/folder_lain".getBytes(StandardCharsets.UTF_8)))
                .doesNotContainKey("3404/.DS_Store");
        if (fifo) {
            assertThat(ids).containsEntry("3404/pipa.csv", sha256("special:3404/pipa.csv".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(ids).hasSize(fifo ? 4 : 3);
    }

    @Test
    void anInboxThatIsItselfALinkIsListedThroughIt() throws Exception {
        Path real = Files.createDirectories(dir.resolve("mount/3402"));
        Files.writeString(real.resolve("kunjungan.csv"), "id_kunjungan\n");
        Path inbox = Files.createSymbolicLink(dir.resolve("inbox"), dir.resolve("mount"));

        assertThat(Ledger.scan(inbox, List.of())).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("3402/kunjungan.csv");
            assertThat(e.folderHint()).isEqualTo("3402");
        });
    }
}
