package id.slrt.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What docs/warehouse.md, the human contract, says: its schema version, the table folders of its layout, and
 * every table's columns with their types (as DuckDB names them). Shared through this module's test jar, so
 * every writer's and reader's tests hold their code to the same document.
 */
public final class WarehouseDocument {

    /** The document, from any module folder of the build (tests run in their module's folder). */
    public static final Path DOC = Path.of("..", "docs", "warehouse.md");
    private static final Pattern VERSION = Pattern.compile("^Schema version: \\*\\*(\\d+)\\*\\*.*");
    private static final Pattern TABLE = Pattern.compile("^### `([a-z_]+)`$");
    private static final Pattern COLUMN_ROW = Pattern.compile("^\\| (`[a-z0-9_]+`(?:, `[a-z0-9_]+`)*) \\| ([A-Z ]+) \\|.*");
    private static final Pattern LAYOUT_TABLE = Pattern.compile("^ {4}([a-z_]+)/ .*|^ {4}([a-z_]+)/$");

    private WarehouseDocument() {
    }

    /** The number after "Schema version:". */
    public static int schemaVersion() {
        for (String line : lines()) {
            Matcher m = VERSION.matcher(line);
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException(DOC + " states no schema version");
    }

    /** The table folders of a snapshot in the "Layout" section's tree, in its order. */
    public static List<String> layoutTables() {
        List<String> tables = new ArrayList<>();
        boolean inLayout = false;
        for (String line : lines()) {
            if (line.startsWith("## ")) {
                inLayout = line.equals("## Layout");
            } else if (inLayout) {
                Matcher m = LAYOUT_TABLE.matcher(line);
                if (m.matches()) {
                    tables.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        return tables;
    }

    /** Table name to column name to type, in the document's order, from its "### `table`" sections. */
    public static Map<String, Map<String, String>> tables() {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : lines()) {
            Matcher table = TABLE.matcher(line);
            Matcher column = COLUMN_ROW.matcher(line);
            if (line.startsWith("## ")) {
                current = null;
            } else if (table.matches()) {
                current = new LinkedHashMap<>();
                tables.put(table.group(1), current);
            } else if (current != null && column.matches()) {
                // A row may document two columns of one type: "| `year`, `month` | INTEGER |".
                for (String name : column.group(1).split(", ")) {
                    current.put(name.replace("`", ""), column.group(2).strip());
                }
            }
        }
        return tables;
    }

    private static List<String> lines() {
        try {
            return Files.readAllLines(DOC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOC.toAbsolutePath().normalize(), e);
        }
    }
}
