package id.slrt.dashboard.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.WarehouseFixture;
import id.slrt.warehouse.Tables;

/**
 * A newly published snapshot is checked before it is served: while it is damaged, incomplete or of
 * another schema version, the previous one stays, and the health component says why.
 */
class SnapshotCheckTest {

    private static final String NEXT = "snapshot-20190116T020000000Z";

    @TempDir
    Path root;

    private Warehouse warehouse;

    @BeforeEach
    void open() {
        warehouse = new Warehouse(new WarehouseProperties(root));
    }

    @AfterEach
    void close() throws SQLException {
        warehouse.close();
    }

    @Test
    void aGoodNewSnapshotIsServedAtTheNextCall() {
        WarehouseFixture.build(root);
        assertThat(warehouse.currentSnapshot().orElseThrow().name()).isEqualTo(WarehouseFixture.SNAPSHOT);
        WarehouseFixture.publish(root, NEXT, WarehouseFixture.ALL);
        assertThat(warehouse.currentSnapshot().orElseThrow().name()).isEqualTo(NEXT);
        assertThat(warehouse.refused()).isEmpty();
    }

    @Test
    void aNewSnapshotWithADamagedParquetFileIsNotServedThePreviousOneIs() throws IOException {
        WarehouseFixture.build(root);
        long before = slemanTotal(warehouse.currentSnapshot().orElseThrow());

        // The new snapshot's visits with a file cut in half, as a full disk or a killed copy leaves it.
        Path next = WarehouseFixture.publish(root, NEXT, List.of(WarehouseFixture.SLEMAN_2018));
        Path part = next.resolve("visits_monthly/part-0.parquet");
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, Arrays.copyOf(bytes, bytes.length / 2));

        Snapshot served = warehouse.currentSnapshot().orElseThrow();
        assertThat(served.name()).isEqualTo(WarehouseFixture.SNAPSHOT);
        assertThat(slemanTotal(served)).isEqualTo(before);
        Warehouse.Refusal refusal = warehouse.refused().orElseThrow();
        assertThat(refusal.snapshot()).isEqualTo(NEXT);
        assertThat(refusal.problem()).contains("visits_monthly/part-0.parquet").contains("cannot be read");
        assertThat(refusal.serving()).contains(WarehouseFixture.SNAPSHOT);
        // Nothing of the refused snapshot loads, even when asked for by name.
        assertThatThrownBy(() -> warehouse.table(new Snapshot(NEXT, next), "regions"))
                .isInstanceOf(WarehouseException.class).hasMessageContaining("is not served");

        Health health = new WarehouseHealth(warehouse).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("snapshot", WarehouseFixture.SNAPSHOT)
                .containsEntry("refusedSnapshot", NEXT);
        assertThat(health.getDetails().get("refusedBecause").toString()).contains("visits_monthly/part-0.parquet");

        // The ETL publishes a good one: served, and the refusal is gone.
        String fixed = "snapshot-20190117T020000000Z";
        WarehouseFixture.publish(root, fixed, WarehouseFixture.ALL);
        assertThat(warehouse.currentSnapshot().orElseThrow().name()).isEqualTo(fixed);
        assertThat(warehouse.refused()).isEmpty();
        assertThat(new WarehouseHealth(warehouse).health().getDetails()).doesNotContainKey("refusedSnapshot");
    }

    @Test
    void aSnapshotWithoutATableOfTheContractIsNotServed() {
        WarehouseFixture.build(root);
        warehouse.currentSnapshot();
        Path next = WarehouseFixture.publish(root, NEXT, WarehouseFixture.ALL);
        SharedWarehouse.deleteRecursively(next.resolve("referral_backlog"));

        assertThat(warehouse.currentSnapshot().orElseThrow().name()).isEqualTo(WarehouseFixture.SNAPSHOT);
        assertThat(warehouse.refused().orElseThrow().problem()).contains("referral_backlog is missing");
    }

    @Test
    void aSnapshotOfAnotherSchemaVersionIsNotServed() throws SQLException {
        WarehouseFixture.build(root);
        warehouse.currentSnapshot();
        Path next = WarehouseFixture.publish(root, NEXT, WarehouseFixture.ALL);
        rewriteSnapshotTable(next, "SELECT 99 AS schema_version, '" + NEXT + "' AS snapshot, true AS sample");

        assertThat(warehouse.currentSnapshot().orElseThrow().name()).isEqualTo(WarehouseFixture.SNAPSHOT);
        assertThat(warehouse.refused().orElseThrow().problem()).contains("schema version 99")
                .contains("reads version " + Tables.SCHEMA_VERSION);
    }

    @Test
    void aDamagedFirstSnapshotIsReportedDownAndNoneOfItIsShown() throws IOException {
        Path first = WarehouseFixture.build(root).resolve(WarehouseFixture.SNAPSHOT);
        Files.writeString(first.resolve("regions/part-1.parquet"), "this is not parquet");

        Snapshot named = warehouse.currentSnapshot().orElseThrow();
        assertThatThrownBy(() -> warehouse.table(named, "visits_monthly")).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("regions/part-1.parquet");
        Health health = new WarehouseHealth(warehouse).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("refusedSnapshot", WarehouseFixture.SNAPSHOT);
    }

    @Test
    void theSampleFlagIsReadAndASnapshotWithoutItIsNotSample() throws SQLException {
        WarehouseFixture.build(root);
        assertThat(warehouse.isSampleData(warehouse.currentSnapshot().orElseThrow())).isTrue();

        WarehouseFixture.publish(root, NEXT, WarehouseFixture.ALL, false);
        assertThat(warehouse.isSampleData(warehouse.currentSnapshot().orElseThrow())).isFalse();

        // Written by an ETL from before the flag: counts as real data.
        String older = "snapshot-20190117T020000000Z";
        Path dir = WarehouseFixture.publish(root, older, WarehouseFixture.ALL);
        rewriteSnapshotTable(dir, "SELECT " + Tables.SCHEMA_VERSION + " AS schema_version, '" + older + "' AS snapshot");
        Snapshot current = warehouse.currentSnapshot().orElseThrow();
        assertThat(current.name()).isEqualTo(older);
        assertThat(warehouse.isSampleData(current)).isFalse();
    }

    private long slemanTotal(Snapshot snapshot) {
        String visits = warehouse.table(snapshot, "visits_monthly").orElseThrow();
        return warehouse.query("SELECT sum(visits) FROM " + visits + " WHERE district_code = ? AND year = 2018",
                List.of(WarehouseFixture.SLEMAN), rows -> rows.next() ? rows.getLong(1) : -1);
    }

    private static void rewriteSnapshotTable(Path snapshot, String select) throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            sql.execute("COPY (" + select + ") TO '" + snapshot.resolve("snapshot/part-0.parquet") + "' (FORMAT parquet)");
        }
    }
}
