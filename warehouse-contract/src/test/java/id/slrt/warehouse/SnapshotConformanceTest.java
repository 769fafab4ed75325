package id.slrt.warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checker every writer's tests use finds what differs from docs/warehouse.md. */
class SnapshotConformanceTest {

    @Test
    void aSnapshotWithAMissingTableAWrongTypeAndAnUndocumentedFolderFailsWithEachReason(@TempDir Path snapshot)
            throws Exception {
        Files.createDirectories(snapshot.resolve("snapshot"));
        Files.createDirectories(snapshot.resolve("regions"));
        Files.createDirectories(snapshot.resolve("extra"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("COPY (SELECT 5 AS schema_version) TO '" + snapshot.resolve("snapshot/part-0.parquet")
                    + "' (FORMAT parquet)");
            sql.execute("COPY (SELECT 1 AS code) TO '" + snapshot.resolve("regions/part-0.parquet") + "' (FORMAT parquet)");
        }

        List<String> problems = SnapshotConformance.problems(snapshot);

        assertTrue(problems.contains("the documented table visits_monthly is missing"), problems::toString);
        assertTrue(problems.contains("the folder extra is no documented table"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("regions has the columns {code=INTEGER}")), problems::toString);
        assertTrue(problems.contains("the snapshot table says schema version [5], documented: " + Tables.SCHEMA_VERSION),
                problems::toString);
        assertEquals(Tables.ALL.size() - 2 + 1 + 2 + 1, problems.size(), problems::toString);
    }
}
