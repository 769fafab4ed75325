package id.slrt.etl.ingest;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the first worksheet of an .xlsx export (Office Open XML) into records, the row number as the
 * line. Operators save exports from Excel; a small StAX reader is enough for one sheet of values.
 *
 * <p>An .xlsx is a zip of XML: a few MB can unzip to GB and a few bytes of XML can ask for a huge row.
 * So every part is streamed, its bytes counted as they are inflated, and the file is rejected at the
 * first {@link ReadLimits} bound it passes. Problems are reported by position and kind only: parser
 * messages can quote the file's content, which may be personal data.
 */
final class XlsxReader {
    private static final String SHARED_STRINGS = "xl/sharedStrings.xml";
    private static final String SHEET_PREFIX = "xl/worksheets/sheet";
    private static final String FIRST_SHEET = "xl/worksheets/sheet1.xml";
    /** As much of a quarantined row as the state folder keeps for the operator, like a CSV record. */
    private static final int RAW_LIMIT = 4_000;

    private final ReadLimits limits;
    private final byte[] bytes;
    private long totalInflated;

    private XlsxReader(byte[] bytes, ReadLimits limits) {
        this.bytes = bytes;
        this.limits = limits;
    }

    static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    static List<CsvRecordReader.CsvRecord> read(byte[] bytes, ReadLimits limits) throws FileRejected {
        return new XlsxReader(bytes, limits).read();
    }

    /**
     * Two passes over the zip: the first inflates every entry through the counters (a bomb anywhere is
     * found) and reads the shared strings; the second reads the sheet, which may come before them.
     */
    private List<CsvRecordReader.CsvRecord> read() throws FileRejected {
        List<String> shared = List.of();
        String sheet = null;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (++entries > limits.maxZipEntries()) {
                    throw new FileRejected(Reason.XLSX_TOO_LARGE, ReadLimits.past("zip has more than",
                            String.format("%,d entries", limits.maxZipEntries()), "maxZipEntries",
                            String.format("%,d", limits.maxZipEntries())));
                }
                String name = e.getName();
                Counted part = new Counted(zip, name.equals(SHARED_STRINGS) ? "shared strings"
                        : name.startsWith(SHEET_PREFIX) ? "worksheet" : "a zip entry", e.getCompressedSize());
                if (name.equals(SHARED_STRINGS)) {
                    shared = sharedStrings(part);
                    part.drain();
                } else {
                    if (name.startsWith(SHEET_PREFIX) && name.endsWith(".xml")
                            && (sheet == null || name.equals(FIRST_SHEET) || !sheet.equals(FIRST_SHEET) && name.compareTo(sheet) < 0)) {
                        sheet = name;
                    }
                    part.drain();
                }
                part.finished(e.getCompressedSize());
            }
        } catch (LimitPassed passed) {
            throw passed.rejected;
        } catch (IOException e) {
            throw unreadable("zip", e);
        } catch (XMLStreamException e) {
            throw xmlProblem("shared strings", e);
        }
        if (sheet == null) {
            throw new FileRejected(Reason.UNREADABLE_FILE, "xlsx without a worksheet");
        }
        totalInflated = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(sheet)) {
                    return rows(new Counted(zip, "worksheet", e.getCompressedSize()), shared);
                }
            }
            throw new FileRejected(Reason.UNREADABLE_FILE, "xlsx: worksheet not found on the second read");
        } catch (LimitPassed passed) {
            throw passed.rejected;
        } catch (IOException e) {
            throw unreadable("zip", e);
        } catch (XMLStreamException e) {
            throw xmlProblem("worksheet", e);
        }
    }

    /** One part's inflated bytes, counted against the part, whole-file and ratio bounds as they are read. */
    private final class Counted extends FilterInputStream {
        private final String label;
        private final long compressed;
        private long inflated;

        Counted(InputStream zip, String label, long compressed) {
            super(zip);
            this.label = label;
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                inflated += n;
                totalInflated += n;
                check(compressed);
            }
            return n;
        }

        @Override
        public void close() {
            // The zip stream is closed by its owner, after all entries.
        }

        void drain() throws IOException {
            byte[] buffer = new byte[1 << 16];
            while (read(buffer, 0, buffer.length) >= 0) {
                // counted as read
            }
        }

        /** Once an entry is read its compressed size is known even when the header did not say it. */
        void finished(long compressedSize) throws LimitPassed {
            check(compressedSize);
        }

        private void check(long compressedSize) throws LimitPassed {
            if (inflated > limits.maxPartBytes()) {
                throw passed(label + " unzips past", ReadLimits.bytes(limits.maxPartBytes()), "maxPartBytes",
                        ReadLimits.bytes(limits.maxPartBytes()));
            }
            if (totalInflated > limits.maxXlsxBytes()) {
                throw passed("xlsx unzips past", ReadLimits.bytes(limits.maxXlsxBytes()), "maxXlsxBytes",
                        ReadLimits.bytes(limits.maxXlsxBytes()));
            }
            if (compressedSize > 0 && inflated > ReadLimits.RATIO_GRACE_BYTES
                    && inflated / compressedSize > limits.maxCompressionRatio()) {
                throw passed(label + " unzips " + inflated / compressedSize + "x its compressed size,",
                        ReadLimits.bytes(inflated) + " from " + ReadLimits.bytes(compressedSize), "maxCompressionRatio",
                        String.valueOf(limits.maxCompressionRatio()));
            }
            if (totalInflated > ReadLimits.RATIO_GRACE_BYTES && totalInflated / bytes.length > limits.maxCompressionRatio()) {
                throw passed("xlsx unzips " + totalInflated / bytes.length + "x its size,",
                        ReadLimits.bytes(totalInflated) + " from " + ReadLimits.bytes(bytes.length),
                        "maxCompressionRatio", String.valueOf(limits.maxCompressionRatio()));
            }
        }
    }

    private static LimitPassed passed(String what, String measured, String limitName, String limit) {
        return new LimitPassed(new FileRejected(Reason.XLSX_TOO_LARGE, ReadLimits.past(what, measured, limitName, limit)));
    }

    /** Carries a rejection through the XML parser, which only lets IOExceptions out of its input. */
    private static final class LimitPassed extends IOException {
        private final FileRejected rejected;

        LimitPassed(FileRejected rejected) {
            super(rejected.getMessage());
            this.rejected = rejected;
        }
    }

    /** A StAX reader over one part that counts depth and elements and refuses DTDs. */
    private final class Xml {
        private final XMLStreamReader x;
        private final String label;
        private int depth;
        private long elements;

        Xml(InputStream part, String label) throws XMLStreamException {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            // No DTDs or external entities from an uploaded file (no billion laughs, no XXE).
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.IS_COALESCING, false);
            this.x = factory.createXMLStreamReader(part);
            this.label = label;
        }

        int next() throws XMLStreamException, LimitPassed {
            int event = x.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (++depth > limits.maxXmlDepth()) {
                    throw complex("nested deeper than", String.valueOf(limits.maxXmlDepth()), "maxXmlDepth",
                            String.valueOf(limits.maxXmlDepth()));
                }
                if (++elements > limits.maxXmlElements()) {
                    throw complex("has more elements than", String.format("%,d", limits.maxXmlElements()),
                            "maxXmlElements", String.format("%,d", limits.maxXmlElements()));
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.DTD) {
                throw new LimitPassed(new FileRejected(Reason.XML_TOO_COMPLEX, label + " has a DTD (DTDs are never read)"));
            }
            return event;
        }

        private LimitPassed complex(String what, String measured, String limitName, String limit) {
            return new LimitPassed(new FileRejected(Reason.XML_TOO_COMPLEX,
                    ReadLimits.past(label + " " + what, measured, limitName, limit)));
        }

        /**
         * The text of the current element, kept up to maxFieldLength + 1 characters (enough for the
         * record to be quarantined as FIELD_TOO_LONG): a 100 MB cell is counted, not kept.
         */
        String text() throws XMLStreamException, LimitPassed {
            StringBuilder text = new StringBuilder();
            int level = 1;
            while (level > 0) {
                int event = next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    level++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    level--;
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE) {
                    int room = limits.maxFieldLength() + 1 - text.length();
                    if (room > 0) {
                        text.append(x.getTextCharacters(), x.getTextStart(), Math.min(room, x.getTextLength()));
                    }
                } else if (event == XMLStreamConstants.END_DOCUMENT) {
                    break;
                }
            }
            return text.toString();
        }

        String localName() {
            return x.getLocalName();
        }

        String attribute(String name) {
            return x.getAttributeValue(null, name);
        }

        boolean hasNext() throws XMLStreamException {
            return x.hasNext();
        }
    }

    private List<String> sharedStrings(InputStream part) throws XMLStreamException, LimitPassed {
        List<String> strings = new ArrayList<>();
        Xml x = new Xml(part, "shared strings");
        StringBuilder current = null;
        while (x.hasNext()) {
            int event = x.next();
            if (event == XMLStreamReader.START_ELEMENT && x.localName().equals("si")) {
                current = new StringBuilder();
            } else if (event == XMLStreamReader.START_ELEMENT && x.localName().equals("t") && current != null) {
                String t = x.text();
                if (current.length() <= limits.maxFieldLength()) {
                    current.append(t, 0, Math.min(t.length(), limits.maxFieldLength() + 1 - current.length()));
                }
            } else if (event == XMLStreamReader.END_ELEMENT && x.localName().equals("si") && current != null) {
                strings.add(current.toString());
                current = null;
            }
        }
        return strings;
    }

    /**
     * The sheet's non-empty rows. The first is the header: its last cell sets the width of the rest, so
     * a data row keeps at most that many fields and a value right of the header quarantines the row.
     */
    private List<CsvRecordReader.CsvRecord> rows(InputStream part, List<String> shared)
            throws XMLStreamException, FileRejected, LimitPassed {
        List<CsvRecordReader.CsvRecord> records = new ArrayList<>();
        Xml x = new Xml(part, "worksheet");
        TreeMap<Integer, String> cells = null;
        long rowNumber = 0;
        String cellType = null;
        int column = 0;
        int width = -1;
        long cellsKept = 0;
        while (x.hasNext()) {
            int event = x.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                switch (x.localName()) {
                    case "row" -> {
                        cells = new TreeMap<>();
                        rowNumber = rowNumber(x.attribute("r"), rowNumber);
                    }
                    case "c" -> {
                        cellType = x.attribute("t");
                        String ref = x.attribute("r");
                        column = ref != null ? columnIndex(ref) : (cells == null || cells.isEmpty() ? 0 : cells.lastKey() + 1);
                        if (column >= limits.maxColumns()) {
                            throw new FileRejected(Reason.TOO_MANY_COLUMNS, ReadLimits.past("a cell of row "
                                    + rowNumber + " is right of column", String.format("%,d", limits.maxColumns()),
                                    "maxColumns", String.format("%,d", limits.maxColumns())));
                        }
                    }
                    case "v" -> {
                        String v = x.text();
                        if (cells != null) {
                            cells.put(column, "s".equals(cellType) ? sharedString(shared, v) : v);
                        }
                    }
                    case "t" -> {
                        if ("inlineStr".equals(cellType) && cells != null) {
                            cells.merge(column, x.text(), String::concat);
                        }
                    }
                    default -> {
                    }
                }
            } else if (event == XMLStreamReader.END_ELEMENT && x.localName().equals("row") && cells != null
                    && !cells.isEmpty()) {
                int last = cells.lastKey();
                String problem = null;
                if (width < 0) {
                    width = last + 1;
                } else if (last >= width) {
                    if (cells.tailMap(width).values().stream().anyMatch(v -> !v.isBlank())) {
                        problem = CsvRecordReader.TOO_MANY_FIELDS;
                    }
                    last = width - 1;
                }
                List<String> fields = new ArrayList<>(last + 1);
                for (int i = 0; i <= last; i++) {
                    String v = cells.getOrDefault(i, "");
                    if (problem == null && v.length() > limits.maxFieldLength()) {
                        problem = CsvRecordReader.FIELD_TOO_LONG;
                    }
                    fields.add(v.length() > limits.maxFieldLength() ? "" : v);
                }
                cellsKept += fields.size();
                if (records.size() > limits.maxRows()) {
                    throw ExportReader.tooManyRows(limits);
                }
                if (cellsKept > limits.maxCells()) {
                    throw ExportReader.tooManyCells(limits);
                }
                String raw = String.join(";", fields);
                records.add(new CsvRecordReader.CsvRecord(rowNumber, fields,
                        raw.length() > RAW_LIMIT ? raw.substring(0, RAW_LIMIT) : raw, problem));
                cells = null;
            }
        }
        return records;
    }

    /** A cell's shared string; an index outside the table reads as empty (the row's checks then name it). */
    private static String sharedString(List<String> shared, String v) {
        try {
            int i = Integer.parseInt(v.strip());
            return i >= 0 && i < shared.size() ? shared.get(i) : "";
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static long rowNumber(String r, long previous) {
        if (r != null && !r.isEmpty() && r.length() <= 9 && r.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(r);
        }
        return previous + 1;
    }

    /** "AB12" is column 27 (0-based); stops counting past Excel's last column, so "ZZZZZZZZ9" cannot overflow. */
    static int columnIndex(String ref) {
        long index = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = Character.toUpperCase(ref.charAt(i));
            if (c < 'A' || c > 'Z') {
                break;
            }
            index = index * 26 + (c - 'A' + 1);
            if (index > ReadLimits.EXCEL_MAX_COLUMNS * 26L) {
                return Integer.MAX_VALUE;
            }
        }
        return (int) Math.max(0, index - 1);
    }

    private static FileRejected unreadable(String what, IOException e) {
        // The exception's class says what went wrong; its message may quote the file.
        return new FileRejected(Reason.UNREADABLE_FILE, "xlsx: " + what + " cannot be read ("
                + e.getClass().getSimpleName() + ")");
    }

    private static FileRejected xmlProblem(String part, XMLStreamException e) {
        for (Throwable t = e; t != null; t = t.getCause() != null ? t.getCause() : nested(t)) {
            if (t instanceof LimitPassed passed) {
                return passed.rejected;
            }
        }
        var where = e.getLocation();
        return new FileRejected(Reason.UNREADABLE_FILE, "xlsx: " + part + " is not well-formed XML"
                + (where == null ? "" : " at line " + where.getLineNumber() + ", column " + where.getColumnNumber()));
    }

    private static Throwable nested(Throwable t) {
        return t instanceof XMLStreamException x && x.getNestedException() != t ? x.getNestedException() : null;
    }
}
