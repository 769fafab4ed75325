package id.slrt.etl.warehouse;

import id.slrt.etl.Etl;
import id.slrt.etl.TestExports;
import id.slrt.etl.TestSpark;
import id.slrt.etl.TestWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk, for real: the warehouse on a small tmpfs (root mounts one; CI runs as root). The run fails
 * saying the disk is full, leaves no staging folder, and the previous snapshot stays current and whole.
 */
class FullDiskTest {
    private Path mounted;

    @Test
    void aFullDiskFailsTheRunWithThatReasonAndThePreviousSnapshotServesOn(@TempDir Path dir) throws Exception {
        Path warehouse = dir.resolve("warehouse");
        assumeTrue(mount(warehouse, "16m"), "needs root to mount a tmpfs");
        Path inbox = dir.resolve("inbox");
        Path state = dir.resolve("state");
        TestExports.writeVisits(inbox.resolve("3404").resolve("2018-06.csv"), visits("3404", 2018, 6, 200));
        Etl.Config config = new Etl.Config(inbox, warehouse, TestExports.REFERENCE, state, 3);
        Etl.Report first = new Etl(TestSpark.session()).run(config);
        long firstVisits = visits(warehouse, first.snapshot());

        TestExports.writeVisits(inbox.resolve("3402").resolve("2018-07.csv"), visits("3402", 2018, 7, 300));
        Path filler = fill(warehouse, 64 * 1024);
        assertThatThrownBy(() -> new Etl(TestSpark.session()).run(config))
                .hasMessageContaining("the disk is full");

        assertThat(Files.readString(warehouse.resolve("CURRENT")).strip()).isEqualTo(first.snapshot());
        assertThat(visits(warehouse, first.snapshot())).isEqualTo(firstVisits).isEqualTo(200);
        assertThat(names(warehouse)).containsExactlyInAnyOrder("CURRENT", first.snapshot(), filler.getFileName().toString());
        assertThat(names(state.resolve("staged"))).hasSize(1);

        Files.delete(filler);
        Etl.Report after = new Etl(TestSpark.session()).run(config);
        assertThat(visits(warehouse, after.snapshot())).isEqualTo(500);
    }

    private static List<String> visits(String district, int year, int month, int n) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(String.format("V-%s-%d,%d-%02d-%02d,%s,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,,T,KESEHATAN,KIS",
                    district, i, year, month, 1 + i % 28, district));
        }
        return rows;
    }

    private static long visits(Path warehouse, String snapshot) {
        TestWarehouse w = new TestWarehouse(warehouse.resolve(snapshot));
        return w.count("SELECT sum(visits) FROM " + w.table("visits_monthly"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Fills the file system until only {@code leave} bytes are free. */
    private static Path fill(Path dir, long leave) throws IOException {
        Path filler = dir.resolve("filler.bin");
        FileStore store = Files.getFileStore(dir);
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (store.getUsableSpace() > leave + block.length) {
                out.write(block);
                out.flush();
            }
        }
        return filler;
    }

    private boolean mount(Path dir, String size) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (ok) {
            mounted = dir;
        }
        return ok;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", "-l", mounted.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
