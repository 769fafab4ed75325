package id.slrt.warehouse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The code says what docs/warehouse.md says: the same tables, in its order, and the same schema version. */
class TablesTest {

    @Test
    void theSchemaVersionIsTheDocumentedOne() {
        assertEquals(WarehouseDocument.schemaVersion(), Tables.SCHEMA_VERSION);
    }

    @Test
    void everyTableIsDocumentedInTheSameOrder() {
        assertEquals(List.copyOf(WarehouseDocument.tables().keySet()), Tables.ALL);
    }

    @Test
    void theLayoutShowsTheSameTablesInTheSameOrder() {
        assertEquals(Tables.ALL, WarehouseDocument.layoutTables());
    }

    @Test
    void everyDocumentedTableHasColumns() {
        WarehouseDocument.tables().forEach((table, columns) -> assertEquals(false, columns.isEmpty(), table));
    }
}
