package id.slrt.etl.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens one operator export, whatever its form: CSV with comma or semicolon, UTF-8 with or without BOM
 * or Windows-1252, or an Excel .xlsx (first sheet). Gives the canonical header and the records with
 * their line numbers, or rejects the whole file with a reason.
 */
public final class ExportReader {
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
    public static final int MAX_FIELD_LENGTH = 8_192;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** A readable export: canonical header names (same order as the file's columns) and its records. */
    public record Export(ExportKind kind, List<String> header, String encoding, String delimiter,
                         List<CsvRecordReader.CsvRecord> records, boolean endsWithNewline) {
    }

    private ExportReader() {
    }

    public static Export read(Path file) throws FileRejected {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new FileRejected(Reason.FILE_TOO_LARGE, Files.size(file) + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FileRejected(Reason.UNREADABLE_FILE, e.getMessage());
        }
        if (bytes.length == 0) {
            throw new FileRejected(Reason.EMPTY_FILE, null);
        }
        if (XlsxReader.isZip(bytes)) {
            return fromRows(XlsxReader.read(bytes), "xlsx", "", true);
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new FileRejected(Reason.BINARY_FILE, "NUL byte");
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
                // Excel on Indonesian Windows saves CSV as Windows-1252.
                text = new String(bytes, WINDOWS_1252);
                encoding = "windows-1252";
            }
        }
        if (text.isBlank()) {
            throw new FileRejected(Reason.EMPTY_FILE, null);
        }
        String firstLine = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        char delimiter = CsvRecordReader.detectDelimiter(firstLine);
        List<CsvRecordReader.CsvRecord> records = new ArrayList<>();
        CsvRecordReader reader = new CsvRecordReader(text, delimiter, MAX_FIELD_LENGTH);
        for (CsvRecordReader.CsvRecord r = reader.next(); r != null; r = reader.next()) {
            records.add(r);
        }
        boolean endsWithNewline = text.endsWith("\n") || text.endsWith("\r");
        return fromRows(records, encoding, String.valueOf(delimiter), endsWithNewline);
    }

    private static Export fromRows(List<CsvRecordReader.CsvRecord> records, String encoding, String delimiter,
                                   boolean endsWithNewline) throws FileRejected {
        if (records.isEmpty()) {
            throw new FileRejected(Reason.EMPTY_FILE, null);
        }
        List<String> header = records.get(0).fields().stream().map(ExportKind::normaliseHeader).toList();
        ExportKind kind = ExportKind.of(header);
        if (kind == null) {
            throw new FileRejected(Reason.UNKNOWN_KIND, "header: " + abbreviate(records.get(0).raw()));
        }
        List<String> missing = kind.required().stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new FileRejected(Reason.MISSING_COLUMNS, String.join(", ", missing));
        }
        return new Export(kind, header, encoding, delimiter, records.subList(1, records.size()), endsWithNewline);
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine.toLowerCase(Locale.ROOT);
    }
}
