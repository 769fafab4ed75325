package id.slrt.dashboard.reports;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Cell rules every export follows: text that a spreadsheet would run as a formula (= + - @, tab, carriage
 * return first) is neutralised with a leading apostrophe. Which numbers may be shown is the disclosure
 * policy's ({@link id.slrt.dashboard.disclosure.Disclosure}), not this class's.
 */
public final class Cells {

    private Cells() {
    }

    /** Text safe in a spreadsheet cell. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }

    /** One CSV line: text neutralised and quoted where needed, numbers as they are. */
    public static String csvLine(List<?> cells, char delimiter) {
        return cells.stream().map(c -> c instanceof Number ? c.toString() : quote(neutralise(String.valueOf(c)), delimiter))
                .collect(Collectors.joining(String.valueOf(delimiter)));
    }

    private static String quote(String text, char delimiter) {
        boolean needs = text.indexOf(delimiter) >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0;
        return needs ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
