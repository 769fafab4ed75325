package id.slrt.etl.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Opens one operator export, whatever its form: CSV with comma or semicolon, UTF-8 with or without BOM
 * or Windows-1252, or an Excel .xlsx (first sheet). Gives the canonical header and the records with
 * their line numbers, or rejects the whole file with a reason.
 */
public final class ExportReader {
    /** Kept for callers that name today's bounds; the values live in {@link ReadLimits#DEFAULTS}. */
    public static final long MAX_FILE_BYTES = ReadLimits.DEFAULTS.maxFileBytes();
    public static final int MAX_FIELD_LENGTH = ReadLimits.DEFAULTS.maxFieldLength();
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** A readable export: canonical header names (same order as the file's columns) and its records. */
    public record Export(ExportKind kind, List<String> header, String encoding, String delimiter,
                         List<CsvRecordReader.CsvRecord> records, boolean endsWithNewline) {
    }

    private ExportReader() {
    }

    public static Export read(Path file) throws FileRejected {
        return read(file, null, ReadLimits.DEFAULTS);
    }

    /**
     * Reads one export within the limits. Symbolic links and special files (FIFOs, devices) are never
     * opened. With {@code expectedSha256} (the ledger's hash), the bytes parsed must be the bytes the
     * ledger hashed: a file rewritten in between is rejected as FILE_CHANGED, not half-counted.
     */
    public static Export read(Path file, String expectedSha256, ReadLimits limits) throws FileRejected {
        byte[] bytes = bytes(file, limits);
        if (expectedSha256 != null && !expectedSha256.equals(sha256(bytes))) {
            throw new FileRejected(Reason.FILE_CHANGED, "content differs from the ledger's hash (now "
                    + ReadLimits.bytes(bytes.length) + ")");
        }
        if (bytes.length == 0) {
            throw new FileRejected(Reason.EMPTY_FILE, null);
        }
        if (XlsxReader.isZip(bytes)) {
            return fromRows(XlsxReader.read(bytes, limits), "xlsx", "", true, limits);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new FileRejected(Reason.BINARY_FILE, "NUL byte at offset " + i);
            }
        }
        String encoding;
        String text;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            encoding = "UTF-8 BOM";
            text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                encoding = "UTF-8";
            } catch (CharacterCodingException notUtf8) {
                // Excel on Indonesian Windows saves CSV as Windows-1252; a file mixing both reads as
                // Windows-1252 too (every byte is a character there), so it never fails to decode.
                text = new String(bytes, WINDOWS_1252);
                encoding = "windows-1252";
            }
        }
        bytes = null;
        if (text.isBlank()) {
            throw new FileRejected(Reason.EMPTY_FILE, null);
        }
        char delimiter = CsvRecordReader.detectDelimiter(firstLine(text, limits.maxRecordChars()));
        List<CsvRecordReader.CsvRecord> records = new ArrayList<>();
        CsvRecordReader reader = new CsvRecordReader(text, delimiter, limits);
        long cells = 0;
        for (CsvRecordReader.CsvRecord r = reader.next(); r != null; r = reader.next()) {
            if (records.size() > limits.maxRows()) {
                throw tooManyRows(limits);
            }
            cells += r.fields().size();
            if (cells > limits.maxCells()) {
                throw tooManyCells(limits);
            }
            records.add(r);
        }
        boolean endsWithNewline = text.endsWith("\n") || text.endsWith("\r");
        return fromRows(records, encoding, String.valueOf(delimiter), endsWithNewline, limits);
    }

    /** At most maxFileBytes + 1 bytes are read, whatever the file's size said a moment before. */
    private static byte[] bytes(Path file, ReadLimits limits) throws FileRejected {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new FileRejected(Reason.UNREADABLE_FILE, e.getClass().getSimpleName());
        }
        if (attributes.isSymbolicLink()) {
            throw new FileRejected(Reason.NOT_A_FILE, "symbolic link");
        }
        if (!attributes.isRegularFile()) {
            throw new FileRejected(Reason.NOT_A_FILE, attributes.isDirectory() ? "folder" : "special file");
        }
        if (attributes.size() > limits.maxFileBytes()) {
            throw tooLarge(attributes.size(), limits);
        }
        int cap = (int) Math.min(limits.maxFileBytes() + 1, Integer.MAX_VALUE - 16);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(cap);
            if (bytes.length > limits.maxFileBytes() || bytes.length == cap && in.read() >= 0) {
                throw tooLarge(bytes.length, limits);
            }
            return bytes;
        } catch (IOException e) {
            // The exception's class (AccessDeniedException, ...) says enough; messages can carry anything.
            throw new FileRejected(Reason.UNREADABLE_FILE, e.getClass().getSimpleName());
        }
    }

    private static FileRejected tooLarge(long size, ReadLimits limits) {
        return new FileRejected(Reason.FILE_TOO_LARGE, ReadLimits.past("file has", ReadLimits.bytes(size),
                "maxFileBytes", ReadLimits.bytes(limits.maxFileBytes())));
    }

    static FileRejected tooManyRows(ReadLimits limits) {
        return new FileRejected(Reason.TOO_MANY_ROWS, ReadLimits.past("file has more than",
                String.format(Locale.ROOT, "%,d rows", limits.maxRows()), "maxRows",
                String.format(Locale.ROOT, "%,d", limits.maxRows())));
    }

    static FileRejected tooManyCells(ReadLimits limits) {
        return new FileRejected(Reason.TOO_MANY_ROWS, ReadLimits.past("rows x columns of the file pass",
                String.format(Locale.ROOT, "%,d fields", limits.maxCells()), "maxCells",
                String.format(Locale.ROOT, "%,d", limits.maxCells())));
    }

    /** The first non-blank line, at most maxChars long: enough to tell comma from semicolon. */
    private static String firstLine(String text, int maxChars) {
        int start = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && end - start < maxChars && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                return line;
            }
            start = end + 1;
        }
        return "";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Export fromRows(List<CsvRecordReader.CsvRecord> records, String encoding, String delimiter,
                                   boolean endsWithNewline, ReadLimits limits) throws FileRejected {
        if (records.isEmpty()) {
            throw new FileRejected(Reason.EMPTY_FILE, null);
        }
        CsvRecordReader.CsvRecord first = records.get(0);
        if (CsvRecordReader.TOO_MANY_FIELDS.equals(first.problem())) {
            throw new FileRejected(Reason.TOO_MANY_COLUMNS, ReadLimits.past("the header has more than",
                    String.format(Locale.ROOT, "%,d fields", limits.maxColumns()), "maxColumns",
                    String.format(Locale.ROOT, "%,d", limits.maxColumns())));
        }
        if (CsvRecordReader.RECORD_TOO_LONG.equals(first.problem()) || CsvRecordReader.FIELD_TOO_LONG.equals(first.problem())) {
            throw new FileRejected(Reason.LINE_TOO_LONG, CsvRecordReader.RECORD_TOO_LONG.equals(first.problem())
                    ? ReadLimits.past("the header passes", String.format(Locale.ROOT, "%,d characters",
                    limits.maxRecordChars()), "maxRecordChars", String.format(Locale.ROOT, "%,d", limits.maxRecordChars()))
                    : ReadLimits.past("a header field passes", String.format(Locale.ROOT, "%,d characters",
                    limits.maxFieldLength()), "maxFieldLength", String.format(Locale.ROOT, "%,d", limits.maxFieldLength())));
        }
        List<String> header = first.fields().stream().map(ExportKind::normaliseHeader).toList();
        ExportKind kind = ExportKind.of(header);
        if (kind == null) {
            // Never the line itself: without a header, line 1 is usually a data row (NIK, name, ...).
            long known = header.stream().filter(ExportKind::isKnownColumn).distinct().count();
            throw new FileRejected(Reason.UNKNOWN_KIND, String.format(Locale.ROOT,
                    "no header: the first line has %d fields, %s", header.size(), known == 0
                            ? "none a known column name"
                            : known + " known column names but neither id_kunjungan nor id_rujukan"));
        }
        List<String> missing = kind.required().stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new FileRejected(Reason.MISSING_COLUMNS, String.join(", ", missing));
        }
        return new Export(kind, header, encoding, delimiter, records.subList(1, records.size()), endsWithNewline);
    }
}
