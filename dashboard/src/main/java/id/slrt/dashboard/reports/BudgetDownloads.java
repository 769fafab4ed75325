package id.slrt.dashboard.reports;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.security.AuditLog;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * A budget report as a download (JSON, CSV, XLSX or PDF), for the API and the report screen alike;
 * every export is written to the audit log. Parameters are checked here: a wrong one is
 * {@link IllegalArgumentException} with the message for a 400.
 */
@Component
public class BudgetDownloads {

    private final Warehouse warehouse;
    private final BudgetReportService service;
    private final AuditLog audit;
    private final Disclosure disclosure;

    public BudgetDownloads(Warehouse warehouse, BudgetReportService service, AuditLog audit, Disclosure disclosure) {
        this.warehouse = warehouse;
        this.disclosure = disclosure;
        this.service = service;
        this.audit = audit;
    }

    /** The checked request: region null (national), 2 or 4 digits; years within 2000-2100, at most ten. */
    public record Request(String region, int fromYear, int toYear, String format, char delimiter) {
        public static Request of(String region, Integer year, Integer toYear, String format, String delimiter) {
            check(region == null || region.matches("\\d{2}|\\d{4}"), "region must be a 2-digit province or 4-digit district code");
            check(year != null, "year is required");
            int to = toYear == null ? year : toYear;
            check(year >= 2000 && to <= 2100 && year <= to, "years must run from 2000 to 2100, year not after toYear");
            check(to - year < 10, "at most ten years in one report");
            String f = format == null ? "xlsx" : format.toLowerCase(java.util.Locale.ROOT);
            check(List.of("json", "csv", "xlsx", "pdf").contains(f), "format must be json, csv, xlsx or pdf");
            check(delimiter == null || delimiter.equals("comma") || delimiter.equals("semicolon"),
                    "delimiter must be comma or semicolon");
            return new Request(region, year, to, f, "semicolon".equals(delimiter) ? ';' : ',');
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** @throws IllegalStateException when no snapshot has been published yet */
    /** @param endpoint where it was asked for (the API's or the report screen's link), for the audit log */
    public ResponseEntity<?> download(Request request, String endpoint) {
        Snapshot snapshot = warehouse.currentSnapshot()
                .orElseThrow(() -> new IllegalStateException("no data yet: the ETL has not published a snapshot"));
        BudgetReport report = service.report(snapshot, request.region(), request.fromYear(), request.toYear());
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        audit.exported(user, "budget report " + report.regionLabel() + " " + report.years() + " " + request.format()
                + " via " + endpoint + " region=" + (request.region() == null ? "" : request.region()) + " year="
                + request.fromYear() + " toYear=" + request.toYear() + ", " + (report.lines().size() + 1) + " rows");
        return switch (request.format()) {
            case "csv" -> file(BudgetReportFiles.csv(report, disclosure, request.delimiter()),
                    new MediaType("text", "csv", StandardCharsets.UTF_8), BudgetReportFiles.fileName(report, "csv"));
            case "xlsx" -> file(BudgetReportFiles.xlsx(report, disclosure), MediaType.parseMediaType(BudgetReportFiles.XLSX_TYPE),
                    BudgetReportFiles.fileName(report, "xlsx"));
            case "pdf" -> file(BudgetReportFiles.pdf(report, disclosure), MediaType.APPLICATION_PDF,
                    BudgetReportFiles.fileName(report, "pdf"));
            default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(report));
        };
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .body(body);
    }

    /** The report's cells as JSON, as the files show them: hidden counts "<5" or "x", hidden shares null. */
    private Map<String, Object> json(BudgetReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", BudgetReportFiles.title(report));
        body.put("snapshot", report.snapshot());
        body.put("columns", BudgetReport.HEADERS);
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (List<Object> row : BudgetReportFiles.rows(report, disclosure)) {
            rows.add(row.stream().map(c -> "".equals(c) ? null : c).toList());
        }
        body.put("rows", rows);
        if (!report.projection().isEmpty()) {
            Map<String, Object> projection = new LinkedHashMap<>();
            projection.put("title", BudgetReportFiles.projectionTitle(report));
            projection.put("from", report.projection().from().toString());
            projection.put("to", report.projection().to().toString());
            projection.put("columns", BudgetReport.PROJECTION_HEADERS);
            projection.put("rows", BudgetReportFiles.projectionRows(report, disclosure));
            body.put("projection", projection);
        }
        if (!report.annotations().isEmpty()) {
            Map<String, Object> notes = new LinkedHashMap<>();
            notes.put("title", BudgetReportFiles.annotationsTitle(report));
            notes.put("columns", BudgetReport.ANNOTATION_HEADERS);
            notes.put("rows", BudgetReportFiles.annotationRows(report));
            body.put("annotations", notes);
        }
        return body;
    }
}
