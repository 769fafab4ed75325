package id.slrt.etl.warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WarehouseTest {
    @Test
    void aSnapshotIsInvisibleUntilPublished(@TempDir Path root) throws Exception {
        Warehouse warehouse = new Warehouse(root);
        var first = warehouse.begin(Instant.parse("2026-01-01T00:00:00Z"));
        Files.writeString(first.dir().resolve("table.txt"), "first");
        assertThat(warehouse.current()).isEmpty();

        warehouse.publish(first);
        assertThat(warehouse.current()).contains(first.name());
        assertThat(warehouse.currentDir().orElseThrow().resolve("table.txt")).hasContent("first");

        // A run that dies before publishing leaves CURRENT on the previous snapshot.
        var dying = warehouse.begin(Instant.parse("2026-01-02T00:00:00Z"));
        Files.writeString(dying.dir().resolve("table.txt"), "half");
        assertThat(warehouse.current()).contains(first.name());
    }

    @Test
    void cleanUpKeepsTheNewestAndCurrentAndRemovesStaging(@TempDir Path root) {
        Warehouse warehouse = new Warehouse(root);
        String last = null;
        for (int day = 1; day <= 4; day++) {
            last = warehouse.publish(warehouse.begin(Instant.parse("2026-01-0" + day + "T00:00:00Z")))
                    .getFileName().toString();
        }
        warehouse.begin(Instant.parse("2026-01-09T00:00:00Z"));

        var removed = warehouse.cleanUp(2);

        assertThat(removed).hasSize(3);
        assertThat(root.resolve(last)).isDirectory();
        assertThat(root.toFile().list()).containsExactlyInAnyOrder("CURRENT", last,
                "snapshot-20260103T000000000Z");
    }
}
