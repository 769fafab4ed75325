package id.slrt.dashboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import id.slrt.warehouse.Current;
import id.slrt.warehouse.SnapshotConformance;
import id.slrt.warehouse.Snapshots;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture every dashboard test builds on is a snapshot the ETL could have published: the tables,
 * columns, types and schema version of docs/warehouse.md, named in CURRENT.
 */
class WarehouseFixtureTest {

    @Test
    void theFixturesSnapshotConformsToTheDocumentedContract(@TempDir Path warehouse) {
        WarehouseFixture.build(warehouse);

        Current current = new Snapshots(warehouse).resolveCurrent();

        assertThat(current).isInstanceOf(Current.Found.class);
        Current.Found found = (Current.Found) current;
        assertThat(found.name()).isEqualTo(WarehouseFixture.SNAPSHOT);
        assertThat(SnapshotConformance.problems(found.dir())).isEmpty();
    }
}
