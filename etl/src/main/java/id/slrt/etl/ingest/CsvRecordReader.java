package id.slrt.etl.ingest;

import java.io.IOException;
import java.io.Reader;
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
    private static final int RAW_LIMIT = 4_000;

    private final Reader in;
    private final char delimiter;
    private final int maxFieldLength;
    private long line = 1;
    private int peeked = -2;

    public CsvRecordReader(Reader in, char delimiter, int maxFieldLength) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxFieldLength = maxFieldLength;
    }

    /** The next record, or null at the end; blank lines are skipped. */
    public CsvRecord next() throws IOException {
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

    private CsvRecord record() throws IOException {
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        StringBuilder raw = new StringBuilder();
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
            if (raw.length() < RAW_LIMIT) {
                raw.append((char) c);
            }
            if (quoted) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        append(field, '"');
                        if (raw.length() < RAW_LIMIT) {
                            raw.append('"');
                        }
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
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
            } else if (c == '\n') {
                line++;
                raw.setLength(Math.max(0, raw.length() - 1));
                break;
            } else if (c != '\r') {
                append(field, (char) c);
                fieldStart = false;
            }
            if (field.length() > maxFieldLength) {
                problem = FIELD_TOO_LONG;
            }
        }
        if (field.length() > maxFieldLength) {
            problem = FIELD_TOO_LONG;
        }
        fields.add(field.length() > maxFieldLength ? "" : field.toString());
        return new CsvRecord(start, fields, raw.toString().stripTrailing(), problem);
    }

    /** Past the limit the field is counted, not kept: a 10 MB cell must not fill the memory. */
    private void append(StringBuilder field, char c) {
        if (field.length() <= maxFieldLength) {
            field.append(c);
        }
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        peeked = c;
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
