package id.slrt.etl.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Streams CSV records (RFC 4180 quoting, fields may span lines) with the line each record starts on,
 * which a generic CSV reader does not give: the quarantine names file, line and field.
 */
public final class CsvRecordReader {
    /** A record and where it came from; {@code problem} is set when it could not be read whole. */
    public record CsvRecord(long line, List<String> fields, String raw, String problem) {
    }

    public static final String FIELD_TOO_LONG = "FIELD_TOO_LONG";
    public static final String UNTERMINATED_QUOTE = "UNTERMINATED_QUOTE";
    /** More fields than {@link ReadLimits#maxColumns()}: the extra ones are counted, not kept. */
    public static final String TOO_MANY_FIELDS = Reason.WRONG_FIELD_COUNT.name();
    /** More characters than {@link ReadLimits#maxRecordChars()}: read to its end, not kept. */
    public static final String RECORD_TOO_LONG = Reason.RECORD_TOO_LONG.name();
    private static final int RAW_LIMIT = 4_000;

    private final String text;
    private final char delimiter;
    private final int maxFieldLength;
    private final int maxFields;
    private final int maxRecordChars;
    private long line = 1;
    private int position;

    /** Reads from the whole decoded text: indexing a String is the parser's fastest path. */
    public CsvRecordReader(String text, char delimiter, int maxFieldLength) {
        this(text, delimiter, new ReadLimits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                maxFieldLength, Integer.MAX_VALUE, Long.MAX_VALUE));
    }

    /** Whatever the text, a record keeps at most maxColumns fields of at most maxFieldLength + 1 characters. */
    public CsvRecordReader(String text, char delimiter, ReadLimits limits) {
        this.text = text;
        this.delimiter = delimiter;
        this.maxFieldLength = limits.maxFieldLength();
        this.maxFields = limits.maxColumns();
        this.maxRecordChars = limits.maxRecordChars();
    }

    /** The next record, or null at the end; blank lines are skipped. */
    public CsvRecord next() {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            unread(c);
            return record();
        }
    }

    private CsvRecord record() {
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int startPosition = position;
        String problem = null;
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            int c = read();
            if (c == -1) {
                if (quoted) {
                    problem = UNTERMINATED_QUOTE;
                }
                break;
            }
            if (quoted) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        append(field, '"');
                    } else {
                        quoted = false;
                        unread(n);
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(field, (char) c);
                }
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == delimiter) {
                if (fields.size() < maxFields) {
                    fields.add(field.length() > maxFieldLength ? "" : field.toString());
                } else if (problem == null) {
                    problem = TOO_MANY_FIELDS;
                }
                field.setLength(0);
                fieldStart = true;
            } else if (c == '\n') {
                line++;
                break;
            } else if (c != '\r') {
                append(field, (char) c);
                fieldStart = false;
            }
            if (field.length() > maxFieldLength) {
                problem = FIELD_TOO_LONG;
            }
            if (problem == null && position - startPosition > maxRecordChars) {
                problem = RECORD_TOO_LONG;
            }
        }
        if (field.length() > maxFieldLength) {
            problem = FIELD_TOO_LONG;
        }
        if (fields.size() < maxFields) {
            fields.add(field.length() > maxFieldLength ? "" : field.toString());
        } else if (problem == null) {
            problem = TOO_MANY_FIELDS;
        }
        int endPosition = Math.min(position, startPosition + RAW_LIMIT);
        return new CsvRecord(start, fields, text.substring(startPosition, endPosition).stripTrailing(), problem);
    }

    /** Past the limit the field is counted, not kept: a 10 MB cell must not fill the memory. */
    private void append(StringBuilder field, char c) {
        if (field.length() <= maxFieldLength) {
            field.append(c);
        }
    }

    private int read() {
        return position < text.length() ? text.charAt(position++) : -1;
    }

    private void unread(int c) {
        if (c != -1) {
            position--;
        }
    }

    /** Comma or semicolon, whichever the header line uses more (outside quotes). */
    public static char detectDelimiter(String headerLine) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }
}
