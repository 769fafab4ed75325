package id.slrt.dashboard.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.slrt.dashboard.filters.FilterOptions;
import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.national.NationalService;
import id.slrt.dashboard.referrals.ReferralsService;
import id.slrt.dashboard.reports.BudgetDownloads;
import id.slrt.dashboard.reports.Cells;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The read-only API over the screens' own services, with the same region scope: JSON or CSV for
 * Excel, Power BI or Superset. Described in {@code /api/v1/openapi.json}. Errors: {@link ApiErrors}.
 */
@RestController
@RequestMapping("/api/v1")
class ApiController {

    private final Warehouse warehouse;
    private final FilterService filterService;
    private final NationalService national;
    private final ReferralsService referrals;
    private final BudgetDownloads downloads;

    ApiController(Warehouse warehouse, FilterService filterService, NationalService national, ReferralsService referrals,
                  BudgetDownloads downloads) {
        this.warehouse = warehouse;
        this.downloads = downloads;
        this.filterService = filterService;
        this.national = national;
        this.referrals = referrals;
    }

    /** No snapshot published yet: 503. */
    static final class NoSnapshot extends RuntimeException {
    }

    @GetMapping(value = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> openApi() throws java.io.IOException {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(new ClassPathResource("api/openapi.json").getContentAsByteArray());
    }

    /** The region, period and programme parameters the data endpoints share. */
    record Query(String district, String province, Integer year, String from, String to, String programme,
                 String format) {

        Filters filters() {
            return RegionScope.current().enforce(ApiParameters.filters(district, province, year, from, to, programme)).filters();
        }
    }

    /** Visits (and referrals) per month of the region, with the same months a year before. */
    @GetMapping("/visits/monthly")
    ResponseEntity<?> visitsMonthly(Query query) {
        String f = ApiParameters.format(query.format());
        Filters filters = query.filters();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (NationalService.Month m : national.monthly(snapshot(), filters)) {
            rows.add(row("year", m.month().getYear(), "month", m.month().getMonthValue(), "visits", m.visits(),
                    "visits_year_before", m.visitsYearBefore(), "referred", m.referred(), "completed", m.completed()));
        }
        return answer(filters, rows, f, "visits-monthly");
    }

    /** Referral outcomes by programme, by agency and in total. */
    @GetMapping("/referrals/outcomes")
    ResponseEntity<?> referralOutcomes(Query query) {
        String f = ApiParameters.format(query.format());
        Filters filters = query.filters();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ReferralsService.Outcome o : referrals.outcomes(snapshot(), filters)) {
            rows.add(row("dimension", o.dimension(), "value", o.value(), "referred", o.referred(),
                    "completed", o.completed(), "declined", o.declined(), "open", o.open(),
                    "completed_within_sla", o.completedWithinSla(), "days_to_complete_p50", o.daysP50(),
                    "days_to_complete_p90", o.daysP90()));
        }
        return answer(filters, rows, f, "referral-outcomes");
    }

    /** The budget report of a region and year(s): JSON, CSV, XLSX or PDF. */
    @GetMapping("/reports/budget")
    ResponseEntity<?> budget(@RequestParam(required = false) String region, @RequestParam(required = false) Integer year,
                             @RequestParam(required = false) Integer toYear, @RequestParam(required = false) String format,
                             @RequestParam(required = false) String delimiter) {
        snapshot();
        BudgetDownloads.Request request;
        try {
            request = BudgetDownloads.Request.of(region, year, toYear, format == null ? "json" : format, delimiter);
        } catch (IllegalArgumentException e) {
            throw new ApiParameters.BadRequest(e.getMessage());
        }
        return downloads.download(request);
    }

    /** The provinces and districts with data that the caller may see. */
    @GetMapping("/regions")
    ResponseEntity<?> regions(@RequestParam(required = false) String format) {
        String f = ApiParameters.format(format);
        FilterOptions options = filterService.options(snapshot());
        List<Map<String, Object>> rows = new ArrayList<>();
        options.provinces().forEach(r -> rows.add(row("code", r.code(), "level", "PROVINSI", "name", r.label())));
        options.districts().forEach(r -> rows.add(row("code", r.code(), "level", "KABUPATEN_KOTA", "name", r.label())));
        return answer(null, rows, f, "regions");
    }

    private Snapshot snapshot() {
        return warehouse.currentSnapshot().orElseThrow(NoSnapshot::new);
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    private ResponseEntity<?> answer(Filters filters, List<Map<String, Object>> rows, String format, String name) {
        String snapshot = warehouse.currentSnapshot().map(Snapshot::name).orElse("");
        if (format.equals("csv")) {
            StringBuilder csv = new StringBuilder("\uFEFF");
            List<String> header = rows.isEmpty() ? List.of() : new ArrayList<>(rows.getFirst().keySet());
            csv.append(Cells.csvLine(header, ',')).append("\r\n");
            for (Map<String, Object> r : rows) {
                csv.append(Cells.csvLine(r.values().stream().map(v -> v == null ? "" : v).toList(), ',')).append("\r\n");
            }
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"slrt-" + name + ".csv\"")
                    .body(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("snapshot", snapshot);
        if (filters != null) {
            body.put("filters", row("from", filters.from().toString(), "to", filters.to().toString(),
                    "province", filters.province(), "district", filters.district(), "programme", filters.programme()));
        }
        body.put("rows", rows);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
