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

/**
 * The budget report as files to download: XLSX (number cells, a bold header, frozen panes), CSV (UTF-8
 * with BOM; comma, or semicolon for Indonesian Excel) and PDF (A4 landscape, titles in Bahasa
 * Indonesia). Counts of fewer than five read "<5" in all three; text is neutralised against formulas.
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

    /** Cell values of one line: text, or a Long count, or a Double share; "<5" for a suppressed count. */
    static List<Object> cells(BudgetReport.Line line) {
        List<Object> cells = new ArrayList<>();
        cells.add(line.districtCode() == null ? "" : line.districtCode());
        cells.add(line.districtLabel());
        cells.add(line.isTotal() ? "Total" : line.programme());
        cells.add(count(line.visits()));
        cells.add(count(line.visitsYearBefore()));
        cells.add(line.change() == null ? "" : line.change());
        cells.add(line.people() == null ? "" : count(line.people()));
        cells.add(count(line.referred()));
        cells.add(count(line.completed()));
        cells.add(line.completionRate() == null ? "" : line.completionRate());
        return cells;
    }

    private static Object count(long n) {
        return Cells.suppressed(n) ? Cells.SUPPRESSED : (Object) n;
    }

    private static List<BudgetReport.Line> allLines(BudgetReport report) {
        List<BudgetReport.Line> lines = new ArrayList<>(report.lines());
        lines.add(report.total());
        return lines;
    }

    public static byte[] csv(BudgetReport report, char delimiter) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append(Cells.csvLine(List.of(title(report)), delimiter)).append("\r\n");
        csv.append(Cells.csvLine(BudgetReport.HEADERS, delimiter)).append("\r\n");
        for (BudgetReport.Line line : allLines(report)) {
            List<Object> cells = cells(line);
            // Shares as decimals with the delimiter's convention: Indonesian Excel (;) reads 0,654.
            cells.replaceAll(c -> c instanceof Double d ? decimal(d, delimiter) : c);
            csv.append(Cells.csvLine(cells, delimiter)).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String decimal(double value, char delimiter) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        return delimiter == ';' ? text.replace('.', ',') : text;
    }

    public static byte[] xlsx(BudgetReport report) {
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
                    + ". Jumlah di bawah 5 ditulis <5.");
            Row header = sheet.createRow(3);
            for (int c = 0; c < BudgetReport.HEADERS.size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(BudgetReport.HEADERS.get(c));
                cell.setCellStyle(boldStyle);
            }
            int r = 4;
            for (BudgetReport.Line line : allLines(report)) {
                Row row = sheet.createRow(r++);
                List<Object> cells = cells(line);
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
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A4 landscape, one line a row, a new page with the header when the page is full. */
    public static byte[] pdf(BudgetReport report) {
        NumberFormat integer = NumberFormat.getIntegerInstance(INDONESIAN);
        NumberFormat percent = NumberFormat.getPercentInstance(INDONESIAN);
        percent.setMinimumFractionDigits(1);
        float[] x = {30, 70, 230, 330, 400, 480, 540, 610, 670, 740};
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            List<BudgetReport.Line> lines = allLines(report);
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
                            + ". Jumlah di bawah 5 ditulis <5. Halaman " + page + ".");
                    y -= 22;
                    String[] short_ = {"Kode", "Kabupaten/Kota", "Program", "Kunjungan", "Thn. sebelumnya", "Perubahan",
                            "Orang", "Rujukan", "Selesai", "Penyelesaian"};
                    for (int c = 0; c < short_.length; c++) {
                        write(text, bold, 8, x[c], y, short_[c]);
                    }
                    y -= 14;
                    while (next < lines.size() && y > 40) {
                        BudgetReport.Line line = lines.get(next++);
                        List<Object> cells = cells(line);
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
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
