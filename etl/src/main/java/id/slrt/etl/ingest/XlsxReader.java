package id.slrt.etl.ingest;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the first worksheet of an .xlsx export (Office Open XML) into records, the row number as the
 * line. Operators save exports from Excel; a small StAX reader is enough for one sheet of values.
 */
final class XlsxReader {
    private static final String SHARED_STRINGS = "xl/sharedStrings.xml";

    private XlsxReader() {
    }

    static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    static List<CsvRecordReader.CsvRecord> read(byte[] bytes) throws FileRejected {
        Map<String, byte[]> parts = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (name.equals(SHARED_STRINGS) || name.startsWith("xl/worksheets/sheet")) {
                    parts.put(name, zip.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new FileRejected(Reason.UNREADABLE_FILE, "xlsx: " + e.getMessage());
        }
        String sheet = parts.containsKey("xl/worksheets/sheet1.xml") ? "xl/worksheets/sheet1.xml"
                : parts.keySet().stream().filter(n -> n.startsWith("xl/worksheets/sheet")).sorted().findFirst()
                .orElseThrow(() -> new FileRejected(Reason.UNREADABLE_FILE, "xlsx without a worksheet"));
        try {
            List<String> shared = parts.containsKey(SHARED_STRINGS) ? sharedStrings(parts.get(SHARED_STRINGS)) : List.of();
            return rows(parts.get(sheet), shared);
        } catch (XMLStreamException | RuntimeException e) {
            throw new FileRejected(Reason.UNREADABLE_FILE, "xlsx: " + e.getMessage());
        }
    }

    private static XMLStreamReader xml(byte[] part) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // No DTDs or external entities from an uploaded file.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        InputStream in = new ByteArrayInputStream(part);
        return factory.createXMLStreamReader(in);
    }

    private static List<String> sharedStrings(byte[] part) throws XMLStreamException {
        List<String> strings = new ArrayList<>();
        XMLStreamReader x = xml(part);
        StringBuilder current = null;
        while (x.hasNext()) {
            int event = x.next();
            if (event == XMLStreamReader.START_ELEMENT && x.getLocalName().equals("si")) {
                current = new StringBuilder();
            } else if (event == XMLStreamReader.START_ELEMENT && x.getLocalName().equals("t") && current != null) {
                current.append(x.getElementText());
            } else if (event == XMLStreamReader.END_ELEMENT && x.getLocalName().equals("si")) {
                strings.add(current.toString());
                current = null;
            }
        }
        return strings;
    }

    private static List<CsvRecordReader.CsvRecord> rows(byte[] part, List<String> shared) throws XMLStreamException {
        List<CsvRecordReader.CsvRecord> records = new ArrayList<>();
        XMLStreamReader x = xml(part);
        TreeMap<Integer, String> cells = null;
        long rowNumber = 0;
        String cellType = null;
        int column = 0;
        while (x.hasNext()) {
            int event = x.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                switch (x.getLocalName()) {
                    case "row" -> {
                        cells = new TreeMap<>();
                        String r = x.getAttributeValue(null, "r");
                        rowNumber = r != null ? Long.parseLong(r) : rowNumber + 1;
                    }
                    case "c" -> {
                        cellType = x.getAttributeValue(null, "t");
                        String ref = x.getAttributeValue(null, "r");
                        column = ref != null ? columnIndex(ref) : (cells == null || cells.isEmpty() ? 0 : cells.lastKey() + 1);
                    }
                    case "v" -> {
                        String v = x.getElementText();
                        cells.put(column, "s".equals(cellType) ? shared.get(Integer.parseInt(v.strip())) : v);
                    }
                    case "t" -> {
                        if ("inlineStr".equals(cellType) && cells != null) {
                            cells.merge(column, x.getElementText(), String::concat);
                        }
                    }
                    default -> {
                    }
                }
            } else if (event == XMLStreamReader.END_ELEMENT && x.getLocalName().equals("row")) {
                if (!cells.isEmpty()) {
                    List<String> fields = new ArrayList<>();
                    for (int i = 0; i <= cells.lastKey(); i++) {
                        fields.add(cells.getOrDefault(i, ""));
                    }
                    records.add(new CsvRecordReader.CsvRecord(rowNumber, fields, String.join(";", fields), null));
                }
            }
        }
        return records;
    }

    /** "AB12" is column 27 (0-based). */
    private static int columnIndex(String ref) {
        int index = 0;
        for (char c : ref.toCharArray()) {
            if (!Character.isLetter(c)) {
                break;
            }
            index = index * 26 + (Character.toUpperCase(c) - 'A' + 1);
        }
        return index - 1;
    }
}
