package id.slrt.etl.warehouse;

import id.slrt.etl.Etl;
import id.slrt.etl.TestExports;
import id.slrt.etl.TestSpark;
import id.slrt.etl.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/warehouse.md is the contract between etl and dashboard: every table the ETL writes, with every
 * column and its type as DuckDB reads it, and the schema version. This test fails when they differ.
 */
class WarehouseContractTest {
    private static final Path DOC = WarehouseDocument.DOC;

    @Test
    void everyTableAndColumnOfASnapshotIsDocumentedWithItsType(@TempDir Path dir) throws Exception {
        Path inbox = dir.resolve("inbox");
        copy(Path.of(getClass().getResource("/corpus").toURI()), inbox);
        Etl.Report report = new Etl(TestSpark.session()).run(new Etl.Config(inbox, dir.resolve("w"),
                TestExports.REFERENCE, dir.resolve("s"), 2));
        Path snapshot = dir.resolve("w").resolve(report.snapshot());
        TestWarehouse warehouse = new TestWarehouse(snapshot);

        Map<String, Map<String, String>> written = new LinkedHashMap<>();
        try (Stream<Path> tables = Files.list(snapshot)) {
            for (Path table : tables.sorted().toList()) {
                Map<String, String> columns = new LinkedHashMap<>();
                warehouse.rows("DESCRIBE SELECT * FROM " + warehouse.table(table.getFileName().toString()))
                        .forEach(r -> columns.put(r.get(0), r.get(1)));
                written.put(table.getFileName().toString(), columns);
            }
        }
        assertThat(written).isEqualTo(documented());
        assertThat(warehouse.rows("SELECT schema_version, snapshot FROM " + warehouse.table("snapshot")))
                .containsExactly(List.of(String.valueOf(Warehouse.SCHEMA_VERSION), report.snapshot()));
        assertThat(Files.readString(DOC)).contains("Schema version: **" + Warehouse.SCHEMA_VERSION + "**");
    }

    /** The documented tables, by name. */
    private static Map<String, Map<String, String>> documented() throws IOException {
        Map<String, Map<String, String>> tables = WarehouseDocument.tables();
        Map<String, Map<String, String>> sorted = new LinkedHashMap<>();
        tables.keySet().stream().sorted().forEach(k -> sorted.put(k, tables.get(k)));
        return sorted;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }
}
