package id.slrt.dashboard.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.slrt.dashboard.testing.WarehouseFixture;

/** The in-process DuckDB reads the warehouse and nothing else, within its memory, and no SQL can change that. */
class DuckDbFenceTest {

    @TempDir
    Path dir;

    private Path root;
    private Warehouse warehouse;

    @BeforeEach
    void open() {
        root = WarehouseFixture.build(dir.resolve("warehouse"));
        warehouse = new Warehouse(new WarehouseProperties(root,
                new WarehouseProperties.DuckDb("256MB", 1)));
    }

    @AfterEach
    void close() throws SQLException {
        warehouse.close();
    }

    @Test
    void theWarehouseIsReadAsBefore() {
        Snapshot snapshot = warehouse.currentSnapshot().orElseThrow();
        String visits = warehouse.table(snapshot, "visits_monthly").orElseThrow();
        long total = warehouse.query("SELECT sum(visits) FROM " + visits + " WHERE district_code = ? AND year = ?",
                List.of(WarehouseFixture.SLEMAN, 2018), rows -> rows.next() ? rows.getLong(1) : -1);
        assertThat(total).isEqualTo(WarehouseFixture.SLEMAN_2018.total());
    }

    @Test
    void aFileOutsideTheWarehouseCannotBeRead() throws Exception {
        // A real Parquet file beside the warehouse (also a sibling whose name starts like it) and a system file.
        Path outside = Files.createDirectories(dir.resolve("warehouse-old"));
        Files.copy(root.resolve(WarehouseFixture.SNAPSHOT).resolve("regions/part-0.parquet"), outside.resolve("regions.parquet"));
        for (String path : List.of(outside.resolve("regions.parquet").toString(),
                root + "/../warehouse-old/regions.parquet")) {
            assertThatThrownBy(() -> warehouse.query("SELECT count(*) FROM read_parquet(?)", List.of(path), rows -> rows.next()))
                    .isInstanceOf(WarehouseException.class).hasMessageContaining("Permission Error");
        }
        assertThatThrownBy(() -> warehouse.query("SELECT * FROM read_csv('/etc/passwd')", List.of(), rows -> rows.next()))
                .isInstanceOf(WarehouseException.class).hasMessageContaining("Permission Error");
        assertThatThrownBy(() -> warehouse.query("SELECT * FROM glob('/etc/*')", List.of(), rows -> rows.next()))
                .isInstanceOf(WarehouseException.class).hasMessageContaining("Permission Error");
    }

    @Test
    void theLimitsAreSetAndTheConfigurationIsLocked() {
        List<String> settings = warehouse.query("SELECT current_setting('memory_limit'), current_setting('threads'), "
                        + "current_setting('enable_external_access'), current_setting('lock_configuration')", List.of(),
                rows -> rows.next() ? List.of(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4))
                        : List.<String>of());
        assertThat(settings).containsExactly("244.1 MiB", "1", "false", "true");
        for (String set : List.of("SET memory_limit = '100GB'", "SET enable_external_access = true",
                "SET allowed_directories = ['/']", "SET lock_configuration = false", "SET threads = 64",
                "RESET memory_limit")) {
            assertThatThrownBy(() -> warehouse.query(set, List.of(), rows -> null)).as(set)
                    .isInstanceOf(WarehouseException.class).hasMessageContaining("locked");
        }
        String after = warehouse.query("SELECT current_setting('memory_limit')", List.of(),
                rows -> rows.next() ? rows.getString(1) : "");
        assertThat(after).isEqualTo("244.1 MiB");
    }

    @Test
    void aMemoryLimitThatIsNoSizeIsRefusedAtStart() {
        assertThatThrownBy(() -> new WarehouseProperties.DuckDb("1GB'; SET enable_external_access = true; --", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slrt.duckdb.memory-limit");
        assertThatThrownBy(() -> new WarehouseProperties.DuckDb("1GB", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slrt.duckdb.threads");
    }
}
