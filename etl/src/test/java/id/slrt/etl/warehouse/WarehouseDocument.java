package id.slrt.etl.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables and columns that docs/warehouse.md documents, for the tests that hold code to it (here and,
 * through etl's test jar, the benchmark's synthetic warehouse).
 */
public final class WarehouseDocument {

    public static final Path DOC = Path.of("../docs/warehouse.md");
    private static final Pattern TABLE = Pattern.compile("^### `([a-z_]+)`$");
    private static final Pattern COLUMN_ROW = Pattern.compile("^\\| (`[a-z0-9_]+`(?:, `[a-z0-9_]+`)*) \\| ([A-Z ]+) \\|.*");

    private WarehouseDocument() {
    }

    /** Table name to column name to type, in the document's order, from its "### `table`" sections. */
    public static Map<String, Map<String, String>> tables() throws IOException {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : Files.readAllLines(DOC)) {
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
}
