package id.slrt.dashboard.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import id.slrt.dashboard.disclosure.Disclosure;

/**
 * The budget report as files to download: XLSX (number cells, a bold header, frozen panes), CSV (UTF-8
 * with BOM; comma, or semicolon for Indonesian Excel) and PDF (A4 landscape, titles in Bahasa
 * Indonesia). All three show {@link #rows}: the disclosure policy's cells; text is neutralised against formulas.
 */
public final class BudgetReportFiles {

    public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Locale INDONESIAN = Locale.of("id", "ID");

    private BudgetReportFiles() {
    }

    public static String title(BudgetReport report) {
        return "Laporan SLRT untuk perencanaan anggaran: " + report.regionLabel() + ", " + report.years();
    }

    public static String fileName(BudgetReport report, String extension) {
        return "laporan-slrt-" + report.regionLabel().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT)
                .replaceAll("(^-|-$)", "") + "-" + report.years().replace('–', '-') + "." + extension;
    }

    /**
     * The report as shown, one list of cells a line (the region's total last): text, a Long count, a
     * Double share, "<5" or "x" for a hidden count, "" for a hidden or missing share. The disclosure policy
     * applies over the whole report: each district's total is the sum of its programme lines, the
     * region's total the sum of the districts' totals, column by column.
     */
    public static List<List<Object>> rows(BudgetReport report, Disclosure disclosure) {
        Disclosure.Table table = disclosure.table();
        List<BudgetReport.Line> lines = allLines(report);
        List<Disclosure.Count[]> counts = new ArrayList<>();
        for (BudgetReport.Line line : lines) {
            counts.add(new Disclosure.Count[] {table.count(line.visits()), table.count(line.visitsYearBefore()),
                    line.people() == null ? null : table.count(line.people()), table.count(line.referred()),
                    table.count(line.completed())});
        }
        List<Disclosure.Count[]> programmes = new ArrayList<>();
        List<Disclosure.Count[]> districts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            BudgetReport.Line line = lines.get(i);
            if (!line.isTotal()) {
                programmes.add(counts.get(i));
            } else if (line.districtCode() != null) {
                sums(table, counts.get(i), programmes, VISITS, BEFORE, REFERRED, COMPLETED);
                programmes.clear();
                districts.add(counts.get(i));
            } else {
                sums(table, counts.get(i), districts, VISITS, BEFORE, PEOPLE, REFERRED, COMPLETED);
            }
        }
        table.disclose();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            BudgetReport.Line line = lines.get(i);
            Disclosure.Count[] c = counts.get(i);
            List<Object> cells = new ArrayList<>();
            cells.add(line.districtCode() == null ? "" : line.districtCode());
            cells.add(line.districtLabel());
            cells.add(line.isTotal() ? "Total" : line.programme());
            cells.add(c[VISITS].shown());
            cells.add(c[BEFORE].shown());
            cells.add(orEmpty(table.measure(line.change(), c[VISITS], c[BEFORE]).shown()));
            cells.add(c[PEOPLE] == null ? "" : c[PEOPLE].shown());
            cells.add(c[REFERRED].shown());
            cells.add(c[COMPLETED].shown());
            cells.add(orEmpty(table.measure(line.completionRate(), c[COMPLETED], c[REFERRED]).shown()));
            rows.add(cells);
        }
        return rows;
    }

    /** The kinds of annotation as the (Indonesian) files name them: messages_id.properties' annotations.kind.*. */
    private static final java.util.Map<id.slrt.dashboard.annotations.Annotation.Kind, String> KINDS = java.util.Map.of(
            id.slrt.dashboard.annotations.Annotation.Kind.DISASTER, "Bencana",
            id.slrt.dashboard.annotations.Annotation.Kind.POLICY, "Perubahan kebijakan",
            id.slrt.dashboard.annotations.Annotation.Kind.NEW_PUSKESOS, "Puskesos baru",
            id.slrt.dashboard.annotations.Annotation.Kind.EXPORT_OUTAGE, "Gangguan kiriman data",
            id.slrt.dashboard.annotations.Annotation.Kind.OTHER, "Lainnya");

    /** "Catatan peristiwa ...": the annotations' section title in every file. */
    public static String annotationsTitle(BudgetReport report) {
        return "Catatan peristiwa " + report.years() + ": dicatat pengguna untuk wilayah ini, wilayah di atasnya dan di dalamnya";
    }

    /** The annotations, one list of cells each: from, to (YYYY-MM), region code ("nasional"), kind, text. */
    public static List<List<Object>> annotationRows(BudgetReport report) {
        return report.annotations().stream().map(a -> List.<Object>of(a.from().toString(), a.to().toString(),
                a.region().isEmpty() ? "nasional" : a.region(), KINDS.get(a.kind()), a.text())).toList();
    }

    /** "Proyeksi 2020 ...": the projection's section title in every file. */
    public static String projectionTitle(BudgetReport report) {
        return "Proyeksi " + report.projection().label() + ": perkiraan model untuk 12 bulan setelah data terakhir,"
                + " bukan hitungan orang; interval 80% (jumlah batas bulanan)";
    }

    /**
     * The projection as shown, one list of cells a line: measure, programme, then the expectation and the
     * interval's bounds rounded to whole numbers, each a Long or "&lt;5". Model outputs: each is its own
     * count in no sum, as the API discloses {@code /api/v1/forecasts}.
     */
    public static List<List<Object>> projectionRows(BudgetReport report, Disclosure disclosure) {
        Disclosure.Table table = disclosure.table();
        List<Disclosure.Count[]> counts = new ArrayList<>();
        for (BudgetReport.Projected p : report.projection().lines()) {
            counts.add(new Disclosure.Count[] {table.count(Math.round(p.expected())), table.count(Math.round(p.low())),
                    table.count(Math.round(p.high()))});
        }
        table.disclose();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            BudgetReport.Projected p = report.projection().lines().get(i);
            boolean referrals = p.measure().equals(id.slrt.dashboard.outlook.OutlookService.REFERRALS);
            List<Object> cells = new ArrayList<>();
            cells.add(referrals ? "Rujukan dibuat" : "Kunjungan");
            cells.add(referrals ? "" : p.programme() == null ? "Semua program" : p.programme());
            for (Disclosure.Count c : counts.get(i)) {
                cells.add(c.shown());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static final int VISITS = 0;
    private static final int BEFORE = 1;
    private static final int PEOPLE = 2;
    private static final int REFERRED = 3;
    private static final int COMPLETED = 4;

    /** total[k] = the sum of parts[k] for each column k. */
    private static void sums(Disclosure.Table table, Disclosure.Count[] total, List<Disclosure.Count[]> parts, int... columns) {
        for (int k : columns) {
            table.sum(total[k], parts.stream().map(p -> p[k]).toList());
        }
    }

    private static Object orEmpty(Double share) {
        return share == null ? "" : share;
    }

    /** The lines, then the region's total. */
    static List<BudgetReport.Line> allLines(BudgetReport report) {
        List<BudgetReport.Line> lines = new ArrayList<>(report.lines());
        lines.add(report.total());
        return lines;
    }

    public static byte[] csv(BudgetReport report, Disclosure disclosure, char delimiter) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append(Cells.csvLine(List.of(title(report)), delimiter)).append("\r\n");
        csv.append(Cells.csvLine(BudgetReport.HEADERS, delimiter)).append("\r\n");
        for (List<Object> shown : rows(report, disclosure)) {
            List<Object> cells = new ArrayList<>(shown);
            // Shares as decimals with the delimiter's convention: Indonesian Excel (;) reads 0,654.
            cells.replaceAll(c -> c instanceof Double d ? decimal(d, delimiter) : c);
            csv.append(Cells.csvLine(cells, delimiter)).append("\r\n");
        }
        if (!report.projection().isEmpty()) {
            // A section after a blank line: the projection has its own columns.
            csv.append("\r\n").append(Cells.csvLine(List.of(projectionTitle(report)), delimiter)).append("\r\n");
            csv.append(Cells.csvLine(BudgetReport.PROJECTION_HEADERS, delimiter)).append("\r\n");
            for (List<Object> cells : projectionRows(report, disclosure)) {
                csv.append(Cells.csvLine(cells, delimiter)).append("\r\n");
            }
        }
        if (!report.annotations().isEmpty()) {
            csv.append("\r\n").append(Cells.csvLine(List.of(annotationsTitle(report)), delimiter)).append("\r\n");
            csv.append(Cells.csvLine(BudgetReport.ANNOTATION_HEADERS, delimiter)).append("\r\n");
            for (List<Object> cells : annotationRows(report)) {
                csv.append(Cells.csvLine(cells, delimiter)).append("\r\n");
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String decimal(double value, char delimiter) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        return delimiter == ';' ? text.replace('.', ',') : text;
    }

    public static byte[] xlsx(BudgetReport report, Disclosure disclosure) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Laporan");
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle boldStyle = book.createCellStyle();
            boldStyle.setFont(bold);
            CellStyle integer = book.createCellStyle();
            integer.setDataFormat(book.createDataFormat().getFormat("#,##0"));
            CellStyle percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.0%"));
            Row title = sheet.createRow(0);
            title.createCell(0).setCellValue(Cells.neutralise(title(report)));
            title.getCell(0).setCellStyle(boldStyle);
            sheet.createRow(1).createCell(0).setCellValue("Sumber: SLRT Monitor, snapshot " + report.snapshot()
                    + ". " + note(disclosure));
            Row header = sheet.createRow(3);
            for (int c = 0; c < BudgetReport.HEADERS.size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(BudgetReport.HEADERS.get(c));
                cell.setCellStyle(boldStyle);
            }
            int r = 4;
            List<BudgetReport.Line> lines = allLines(report);
            List<List<Object>> rows = rows(report, disclosure);
            for (int i = 0; i < lines.size(); i++) {
                BudgetReport.Line line = lines.get(i);
                Row row = sheet.createRow(r++);
                List<Object> cells = rows.get(i);
                for (int c = 0; c < cells.size(); c++) {
                    Cell cell = row.createCell(c);
                    Object value = cells.get(c);
                    if (value instanceof Long n) {
                        cell.setCellValue(n);
                        cell.setCellStyle(integer);
                    } else if (value instanceof Double d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(percent);
                    } else {
                        cell.setCellValue(Cells.neutralise(String.valueOf(value)));
                    }
                }
                if (line.isTotal()) {
                    row.getCell(2).setCellStyle(boldStyle);
                }
            }
            sheet.createFreezePane(0, 4);
            for (int c = 0; c < BudgetReport.HEADERS.size(); c++) {
                sheet.setColumnWidth(c, c == 1 ? 28 * 256 : 16 * 256);
            }
            if (!report.projection().isEmpty()) {
                projectionSheet(book.createSheet("Proyeksi"), report, disclosure, boldStyle, integer);
            }
            if (!report.annotations().isEmpty()) {
                Sheet notes = book.createSheet("Catatan");
                notes.createRow(0).createCell(0).setCellValue(Cells.neutralise(annotationsTitle(report)));
                notes.getRow(0).getCell(0).setCellStyle(boldStyle);
                Row notesHeader = notes.createRow(2);
                for (int c = 0; c < BudgetReport.ANNOTATION_HEADERS.size(); c++) {
                    notesHeader.createCell(c).setCellValue(BudgetReport.ANNOTATION_HEADERS.get(c));
                    notesHeader.getCell(c).setCellStyle(boldStyle);
                }
                int n = 3;
                for (List<Object> cells : annotationRows(report)) {
                    Row row = notes.createRow(n++);
                    for (int c = 0; c < cells.size(); c++) {
                        // Users' text: neutralised like every text cell (no formula runs from a note).
                        row.createCell(c).setCellValue(Cells.neutralise(String.valueOf(cells.get(c))));
                    }
                }
                notes.setColumnWidth(4, 80 * 256);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void projectionSheet(Sheet sheet, BudgetReport report, Disclosure disclosure, CellStyle bold,
                                        CellStyle integer) {
        Row title = sheet.createRow(0);
        title.createCell(0).setCellValue(Cells.neutralise(projectionTitle(report)));
        title.getCell(0).setCellStyle(bold);
        sheet.createRow(1).createCell(0).setCellValue("Sumber: SLRT Monitor, snapshot " + report.snapshot()
                + ", wilayah " + Cells.neutralise(report.regionLabel()) + ". " + note(disclosure));
        Row header = sheet.createRow(3);
        for (int c = 0; c < BudgetReport.PROJECTION_HEADERS.size(); c++) {
            header.createCell(c).setCellValue(BudgetReport.PROJECTION_HEADERS.get(c));
            header.getCell(c).setCellStyle(bold);
        }
        int r = 4;
        for (List<Object> cells : projectionRows(report, disclosure)) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < cells.size(); c++) {
                Cell cell = row.createCell(c);
                if (cells.get(c) instanceof Long n) {
                    cell.setCellValue(n);
                    cell.setCellStyle(integer);
                } else {
                    cell.setCellValue(Cells.neutralise(String.valueOf(cells.get(c))));
                }
            }
        }
        for (int c = 0; c < BudgetReport.PROJECTION_HEADERS.size(); c++) {
            sheet.setColumnWidth(c, 18 * 256);
        }
    }

    /** A4 landscape, one line a row, a new page with the header when the page is full. */
    public static byte[] pdf(BudgetReport report, Disclosure disclosure) {
        NumberFormat integer = NumberFormat.getIntegerInstance(INDONESIAN);
        NumberFormat percent = NumberFormat.getPercentInstance(INDONESIAN);
        percent.setMinimumFractionDigits(1);
        float[] x = {30, 70, 230, 330, 400, 480, 540, 610, 670, 740};
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            List<BudgetReport.Line> lines = allLines(report);
            List<List<Object>> rows = rows(report, disclosure);
            if (!report.map().areas().isEmpty()) {
                mapPage(document, report, regular, bold);
            }
            int next = 0;
            int page = 1;
            do {
                PDPage pdfPage = new PDPage(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
                document.addPage(pdfPage);
                try (PDPageContentStream text = new PDPageContentStream(document, pdfPage)) {
                    float y = 560;
                    write(text, bold, 13, 30, y, title(report));
                    y -= 16;
                    write(text, regular, 8, 30, y, "Sumber: SLRT Monitor, snapshot " + report.snapshot()
                            + ". " + note(disclosure) + " Halaman " + page + ".");
                    y -= 22;
                    String[] short_ = {"Kode", "Kabupaten/Kota", "Program", "Kunjungan", "Thn. sebelumnya", "Perubahan",
                            "Orang", "Rujukan", "Selesai", "Penyelesaian"};
                    for (int c = 0; c < short_.length; c++) {
                        write(text, bold, 8, x[c], y, short_[c]);
                    }
                    y -= 14;
                    while (next < lines.size() && y > 40) {
                        List<Object> cells = rows.get(next);
                        BudgetReport.Line line = lines.get(next++);
                        for (int c = 0; c < cells.size(); c++) {
                            Object v = cells.get(c);
                            String shown = v instanceof Long n ? integer.format(n)
                                    : v instanceof Double d ? percent.format(d) : clip(String.valueOf(v), c == 1 ? 30 : 14);
                            write(text, line.isTotal() ? bold : regular, 8, x[c], y, shown);
                        }
                        y -= line.isTotal() ? 16 : 11;
                    }
                }
                page++;
            } while (next < lines.size());
            if (!report.projection().isEmpty()) {
                // Its own page: a few lines, with their own columns.
                PDPage pdfPage = new PDPage(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
                document.addPage(pdfPage);
                try (PDPageContentStream text = new PDPageContentStream(document, pdfPage)) {
                    float y = 560;
                    write(text, bold, 13, 30, y, "Proyeksi " + report.projection().label() + ": " + report.regionLabel());
                    y -= 16;
                    write(text, regular, 8, 30, y, projectionTitle(report) + ". " + note(disclosure) + " Halaman " + page + ".");
                    y -= 22;
                    float[] px = {30, 160, 300, 400, 500};
                    for (int c = 0; c < BudgetReport.PROJECTION_HEADERS.size(); c++) {
                        write(text, bold, 8, px[c], y, BudgetReport.PROJECTION_HEADERS.get(c));
                    }
                    y -= 14;
                    for (List<Object> cells : projectionRows(report, disclosure)) {
                        for (int c = 0; c < cells.size(); c++) {
                            Object v = cells.get(c);
                            write(text, regular, 8, px[c], y, v instanceof Long n ? integer.format(n) : String.valueOf(v));
                        }
                        y -= 11;
                    }
                }
            }
            if (!report.annotations().isEmpty()) {
                PDPage pdfPage = new PDPage(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
                document.addPage(pdfPage);
                try (PDPageContentStream text = new PDPageContentStream(document, pdfPage)) {
                    float y = 560;
                    write(text, bold, 13, 30, y, "Catatan peristiwa " + report.years() + ": " + report.regionLabel());
                    y -= 22;
                    float[] nx = {30, 80, 130, 180, 290};
                    for (int c = 0; c < BudgetReport.ANNOTATION_HEADERS.size(); c++) {
                        write(text, bold, 8, nx[c], y, BudgetReport.ANNOTATION_HEADERS.get(c));
                    }
                    y -= 14;
                    for (List<Object> cells : annotationRows(report)) {
                        if (y < 40) {
                            break; // a page of them; every one is in the other formats and on the Catatan screen
                        }
                        for (int c = 0; c < 4; c++) {
                            write(text, regular, 8, nx[c], y, clip(String.valueOf(cells.get(c)), 22));
                        }
                        // The text wrapped at the page's width: up to 500 characters, whole words a line.
                        for (String part : wrap(String.valueOf(cells.get(4)), 110)) {
                            write(text, regular, 8, nx[4], y, part);
                            y -= 11;
                        }
                    }
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the hidden cells mean, under the title of every file. */
    static String note(Disclosure disclosure) {
        return "Jumlah di bawah " + disclosure.threshold() + " ditulis " + disclosure.small() + "; " + Disclosure.HIDDEN
                + " disembunyikan agar jumlah itu tidak dapat dihitung dari total.";
    }

    /**
     * The first page: the region's map (the Peta screen's outlines and colours), its legend, the source and
     * the boundaries' attribution. Drawn as vector paths: sharp at any zoom, small.
     */
    private static void mapPage(PDDocument document, BudgetReport report, PDType1Font regular, PDType1Font bold)
            throws IOException {
        BudgetReport.ReportMap map = report.map();
        PDPage pdfPage = new PDPage(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
        document.addPage(pdfPage);
        try (PDPageContentStream stream = new PDPageContentStream(document, pdfPage)) {
            write(stream, bold, 13, 30, 560, title(report));
            write(stream, regular, 9, 30, 544, "Peta: " + map.title());
            double[] box = map.box();
            float left = 30;
            float top = 530;
            double scale = Math.min(782 / box[2], 440 / box[3]);
            stream.setLineWidth(0.3f);
            stream.setStrokingColor(0.29f, 0.31f, 0.34f);
            for (id.slrt.dashboard.map.MapDrawing.Area area : map.areas()) {
                float[] rgb = rgb(area.fill());
                stream.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
                String[] tokens = area.path().replace("M", " M ").replace("L", " L ").replace("Z", " Z ").trim().split("\\s+");
                for (int i = 0; i < tokens.length; i++) {
                    switch (tokens[i]) {
                        case "M", "L" -> {
                            float px = (float) (left + (Double.parseDouble(tokens[i + 1]) - box[0]) * scale);
                            float py = (float) (top - (Double.parseDouble(tokens[i + 2]) - box[1]) * scale);
                            if (tokens[i].equals("M")) {
                                stream.moveTo(px, py);
                            } else {
                                stream.lineTo(px, py);
                            }
                            i += 2;
                        }
                        case "Z" -> stream.closePath();
                        default -> {
                        }
                    }
                }
                stream.fillAndStrokeEvenOdd();
            }
            float y = 70;
            float x = 30;
            for (String[] item : map.legend()) {
                float[] rgb = rgb(item[0]);
                stream.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
                stream.addRect(x, y, 14, 9);
                stream.fillAndStroke();
                stream.setNonStrokingColor(0f, 0f, 0f);
                write(stream, regular, 8, x + 18, y + 1, item[1]);
                x += 130;
            }
            stream.setNonStrokingColor(0f, 0f, 0f);
            write(stream, regular, 8, 30, 45, "Sumber: SLRT Monitor, snapshot " + report.snapshot()
                    + "; penduduk miskin: BPS. " + id.slrt.dashboard.map.Outlines.ATTRIBUTION + ".");
        }
    }

    /** "#a1dab4" as 0..1 floats; a pattern (no activity) is white. */
    private static float[] rgb(String fill) {
        if (!fill.startsWith("#") || fill.length() != 7) {
            return new float[] {1f, 1f, 1f};
        }
        int v = Integer.parseInt(fill.substring(1), 16);
        return new float[] {((v >> 16) & 255) / 255f, ((v >> 8) & 255) / 255f, (v & 255) / 255f};
    }

    /** Lines of at most {@code width} characters, broken between words (a longer word on its own line, cut). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(clip(word, width));
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static void write(PDPageContentStream stream, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(x, y);
        // The standard fonts know WinAnsi only: anything else (rare in names) becomes '?'.
        stream.showText(text.replace('–', '-').replace('…', '.').replaceAll("[^\\x20-\\x7E\\u00A0-\\u00FF]", "?"));
        stream.endText();
    }
}
