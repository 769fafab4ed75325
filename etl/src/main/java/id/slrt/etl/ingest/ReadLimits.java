package id.slrt.etl.ingest;

import java.io.Serializable;
import java.util.Locale;

/**
 * Every bound the export readers keep, in one place: an uploaded file is hostile input, so no file may
 * cost more memory or time than these allow, whatever it claims about itself. Past a file-level bound
 * the file is rejected (its reason and a detail naming the bound and the measured size, never content);
 * past a record-level bound only that record is quarantined. Memory per file stays near
 * {@code maxFileBytes} plus {@code maxRows} small records.
 *
 * @param maxFileBytes         bytes of one export file as stored (CSV or the .xlsx zip): FILE_TOO_LARGE
 * @param maxXlsxBytes         uncompressed bytes of all the .xlsx parts read together: XLSX_TOO_LARGE
 * @param maxPartBytes         uncompressed bytes of one .xlsx part (worksheet, shared strings): XLSX_TOO_LARGE
 * @param maxCompressionRatio  uncompressed / compressed bytes, of one part and of the whole file; real
 *                             sheets compress 5-20x, zip bombs 1000x: XLSX_TOO_LARGE
 * @param maxZipEntries        entries in the .xlsx zip (Excel writes about a dozen): XLSX_TOO_LARGE
 * @param maxXmlDepth          element nesting in a part (a sheet needs 5): XML_TOO_COMPLEX
 * @param maxXmlElements       elements in one part: XML_TOO_COMPLEX
 * @param maxColumns           columns of a row: the column index of an .xlsx cell (Excel's last column
 *                             is XFD, 16,384) rejects the file (TOO_MANY_COLUMNS), as does a header with
 *                             more fields; a data record with more fields is quarantined (WRONG_FIELD_COUNT),
 *                             the extra fields counted, not kept
 * @param maxRecordChars       characters of one record (line, or lines of a quoted field): a longer
 *                             header rejects the file (LINE_TOO_LONG), a longer record is quarantined
 *                             (RECORD_TOO_LONG) and read to its end without being kept
 * @param maxFieldLength       characters of one field: the record is quarantined (FIELD_TOO_LONG)
 * @param maxRows              records in one file: the file is rejected (TOO_MANY_ROWS), split it by month
 * @param maxCells             fields kept for one file, rows x columns: an .xlsx row is as wide as its last
 *                             cell, so a few bytes of XML can ask for 16,384 fields; past it TOO_MANY_ROWS
 */
public record ReadLimits(long maxFileBytes, long maxXlsxBytes, long maxPartBytes, int maxCompressionRatio,
                         int maxZipEntries, int maxXmlDepth, long maxXmlElements, int maxColumns, int maxRecordChars,
                         int maxFieldLength, int maxRows, long maxCells) implements Serializable {
    private static final long MIB = 1024L * 1024;
    /** Excel's own limit: column XFD. */
    public static final int EXCEL_MAX_COLUMNS = 16_384;

    /**
     * The ratio bound applies past this many uncompressed bytes: a small, very regular part (an empty
     * sheet's XML) may compress 300x and is harmless.
     */
    public static final long RATIO_GRACE_BYTES = 4 * MIB;

    public static final ReadLimits DEFAULTS = new ReadLimits(256 * MIB, 512 * MIB, 256 * MIB, 250, 1_000, 64,
            20_000_000L, EXCEL_MAX_COLUMNS, 1_048_576, 8_192, 1_000_000, 50_000_000L);

    public ReadLimits {
        if (maxFileBytes <= 0 || maxXlsxBytes <= 0 || maxPartBytes <= 0 || maxCompressionRatio <= 0
                || maxZipEntries <= 0 || maxXmlDepth <= 0 || maxXmlElements <= 0 || maxColumns <= 0
                || maxRecordChars <= 0 || maxFieldLength <= 0 || maxRows <= 0 || maxCells <= 0) {
            throw new IllegalArgumentException("every read limit must be positive: " + this);
        }
    }

    /** "256 MiB" or "1,000 B": how a detail names a size. */
    static String bytes(long n) {
        return n >= MIB && n % MIB == 0 ? String.format(Locale.ROOT, "%,d MiB", n / MIB)
                : n >= MIB ? String.format(Locale.ROOT, "%,.1f MiB", n / (double) MIB)
                : String.format(Locale.ROOT, "%,d bytes", n);
    }

    /** The detail of a file past a bound: the bound's name, its value and what was measured; no content. */
    static String past(String what, String measured, String limitName, String limit) {
        return what + " " + measured + " (limit " + limitName + " = " + limit + ")";
    }
}
