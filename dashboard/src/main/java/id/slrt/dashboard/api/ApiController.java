package id.slrt.dashboard.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ClassPathResource;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.slrt.dashboard.alerts.Alert;
import id.slrt.dashboard.alerts.AlertsService;
import id.slrt.dashboard.alerts.Measure;
import id.slrt.dashboard.alerts.ShownAlert;
import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.i18n.MessagesI18NProvider;
import id.slrt.dashboard.filters.FilterOptions;
import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.national.NationalService;
import id.slrt.dashboard.outlook.OutlookService;
import id.slrt.dashboard.referrals.OutcomeCounts;
import id.slrt.dashboard.referrals.ReferralsService;
import id.slrt.dashboard.reports.BudgetDownloads;
import id.slrt.dashboard.reports.Cells;
import id.slrt.dashboard.security.AuditLog;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The read-only API over the screens' own services, with the same region scope: JSON or CSV for
 * Excel, Power BI or Superset. Described in {@code /api/v1/openapi.json}. Errors: {@link ApiErrors}.
 *
 * <p>Counts go out through the disclosure policy ({@link Disclosure}): a count of 1 to 4 is the text
 * "&lt;5" (a cell hidden to protect it, "x") in JSON and CSV alike, and a median over hidden counts is
 * null (an empty CSV cell). Every data answer is written to the audit log like a screen's download.
 */
@RestController
@RequestMapping("/api/v1")
class ApiController {

    private final Warehouse warehouse;
    private final FilterService filterService;
    private final NationalService national;
    private final ReferralsService referrals;
    private final BudgetDownloads downloads;
    private final Disclosure disclosure;
    private final AuditLog audit;
    private final AlertsService alerts;
    private final OutlookService outlook;
    private final MessagesI18NProvider i18n;
    private final id.slrt.dashboard.annotations.AnnotationsService annotations;

    ApiController(Warehouse warehouse, FilterService filterService, NationalService national, ReferralsService referrals,
                  BudgetDownloads downloads, Disclosure disclosure, AuditLog audit, AlertsService alerts,
                  OutlookService outlook, MessagesI18NProvider i18n,
                  id.slrt.dashboard.annotations.AnnotationsService annotations) {
        this.annotations = annotations;
        this.outlook = outlook;
        this.warehouse = warehouse;
        this.alerts = alerts;
        this.i18n = i18n;
        this.disclosure = disclosure;
        this.audit = audit;
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
    ResponseEntity<?> visitsMonthly(Query query, HttpServletRequest request) {
        String f = ApiParameters.format(query.format());
        Filters filters = query.filters();
        // One month a row, no totals: each count stands alone.
        Disclosure.Table table = disclosure.table();
        List<Object[]> months = new ArrayList<>();
        for (NationalService.Month m : national.monthly(snapshot(), filters)) {
            months.add(new Object[] {m.month(), table.count(m.visits()), table.count(m.visitsYearBefore()),
                    table.count(m.referred()), table.count(m.completed())});
        }
        table.disclose();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object[] m : months) {
            java.time.YearMonth month = (java.time.YearMonth) m[0];
            rows.add(row("year", month.getYear(), "month", month.getMonthValue(), "visits", shown(m[1]),
                    "visits_year_before", shown(m[2]), "referred", shown(m[3]), "completed", shown(m[4])));
        }
        return answer(filters, rows, f, "visits-monthly", request);
    }

    /** Referral outcomes by programme, by agency and in total. */
    @GetMapping("/referrals/outcomes")
    ResponseEntity<?> referralOutcomes(Query query, HttpServletRequest request) {
        String f = ApiParameters.format(query.format());
        Filters filters = query.filters();
        List<ReferralsService.Outcome> outcomes = referrals.outcomes(snapshot(), filters);
        Disclosure.Table table = disclosure.table();
        OutcomeCounts counts = new OutcomeCounts(table, outcomes);
        table.disclose();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ReferralsService.Outcome o : outcomes) {
            rows.add(row("dimension", o.dimension(), "value", o.value(),
                    "referred", counts.get(o, OutcomeCounts.REFERRED).shown(),
                    "completed", counts.get(o, OutcomeCounts.COMPLETED).shown(),
                    "declined", counts.get(o, OutcomeCounts.DECLINED).shown(),
                    "open", counts.get(o, OutcomeCounts.OPEN).shown(),
                    "completed_within_sla", counts.get(o, OutcomeCounts.WITHIN_SLA).shown(),
                    "days_to_complete_p50", counts.daysP50(o), "days_to_complete_p90", counts.daysP90(o)));
        }
        return answer(filters, rows, f, "referral-outcomes", request);
    }

    /**
     * The unusual months of the region and period (see the Peringatan screen), newest first, with the
     * sentence in Bahasa Indonesia and English. {@code measure} narrows to one measure.
     */
    @GetMapping("/alerts")
    ResponseEntity<?> alerts(Query query, @RequestParam(required = false) String measure, HttpServletRequest request) {
        String f = ApiParameters.format(query.format());
        Measure wanted = measure == null ? null : Measure.of(measure).orElseThrow(() -> new ApiParameters.BadRequest(
                "measure must be one of " + String.join(", ", java.util.Arrays.stream(Measure.values()).map(Measure::code).toList())));
        Filters filters = query.filters();
        Snapshot snapshot = snapshot();
        FilterOptions options = filterService.options(snapshot);
        List<Alert> found = alerts.alerts(snapshot, filters, wanted, options.last());
        List<id.slrt.dashboard.annotations.Annotation> notes = annotations.forRegion(filters);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ShownAlert a : ShownAlert.of(found, disclosure, options::label, "Indonesia")) {
            Alert alert = a.alert();
            rows.add(row("level", alert.level(), "province_code", alert.code().isEmpty() ? null : alert.code().substring(0, 2),
                    "district_code", alert.level().equals(Alert.DISTRICT) ? alert.code() : null, "region", a.region(),
                    "year", alert.month().getYear(), "month", alert.month().getMonthValue(),
                    "measure", alert.measure().code(), "programme", alert.programme(), "observed", a.observed(),
                    "expected_low", a.low(), "expected_high", a.high(), "expected", a.expected(),
                    "direction", alert.measure() == Measure.NO_EXPORT ? "none" : alert.higher() ? "higher" : "lower",
                    "modified_z", alert.measure() == Measure.NO_EXPORT ? null : Math.round(alert.zScore() * 10) / 10.0,
                    "sentence_id", a.sentence(i18n, Languages.INDONESIAN), "sentence_en", a.sentence(i18n, Languages.ENGLISH),
                    "annotations", id.slrt.dashboard.annotations.AnnotationsService.said(notes, alert.code(), alert.month(),
                            key -> i18n.getTranslation(key, Languages.INDONESIAN))));
        }
        return answer(filters, rows, f, "alerts", request);
    }

    /**
     * The next twelve months after the snapshot's last month: each district's visits (all programmes and
     * per programme) and referrals made, with the 80% interval. {@code measure} is visits or referrals.
     */
    @GetMapping("/forecasts")
    ResponseEntity<?> forecasts(Query query, @RequestParam(required = false) String measure, HttpServletRequest request) {
        String f = ApiParameters.format(query.format());
        ApiParameters.check(measure == null || measure.equals(OutlookService.VISITS) || measure.equals(OutlookService.REFERRALS),
                "measure must be visits or referrals");
        Filters filters = RegionScope.current().enforce(ApiParameters.region(query.district(), query.province(),
                query.programme(), query.year(), query.from(), query.to())).filters();
        Snapshot snapshot = snapshot();
        List<OutlookService.Outlook> found = outlook.forecasts(snapshot, filters, filterService.options(snapshot).last())
                .stream().filter(o -> measure == null || o.measure().equals(measure)).toList();
        Disclosure.Table table = disclosure.table();
        List<Disclosure.Count[]> counts = found.stream().map(o -> new Disclosure.Count[] {table.count(Math.round(o.expected())),
                table.count(Math.round(o.low())), table.count(Math.round(o.high()))}).toList();
        table.disclose();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            OutlookService.Outlook o = found.get(i);
            Disclosure.Count[] c = counts.get(i);
            rows.add(row("district_code", o.district(), "measure", o.measure(), "programme", o.programme(),
                    "year", o.month().getYear(), "month", o.month().getMonthValue(), "expected", c[0].shown(),
                    "low_80", c[1].shown(), "high_80", c[2].shown()));
        }
        return answer(null, rows, f, "forecasts", request);
    }

    /**
     * The annotations (events recorded by users) of the region, the regions containing it and those inside
     * it, overlapping the period: the same as the Catatan screen's list.
     */
    @GetMapping("/annotations")
    ResponseEntity<?> annotations(Query query, HttpServletRequest request) {
        String f = ApiParameters.format(query.format());
        Filters filters = query.filters();
        snapshot();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (id.slrt.dashboard.annotations.Annotation a : annotations.forRegion(filters)) {
            rows.add(row("id", a.id(), "region_code", a.region().isEmpty() ? null : a.region(),
                    "level", a.region().isEmpty() ? "NASIONAL" : a.region().length() == 2 ? "PROVINSI" : "KABUPATEN_KOTA",
                    "from", a.from().toString(), "to", a.to().toString(), "kind", a.kind().code(), "text", a.text()));
        }
        return answer(filters, rows, f, "annotations", request);
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
        return downloads.download(request, "/api/v1/reports/budget");
    }

    /** The provinces and districts with data that the caller may see. */
    @GetMapping("/regions")
    ResponseEntity<?> regions(@RequestParam(required = false) String format, HttpServletRequest request) {
        String f = ApiParameters.format(format);
        FilterOptions options = filterService.options(snapshot());
        List<Map<String, Object>> rows = new ArrayList<>();
        options.provinces().forEach(r -> rows.add(row("code", r.code(), "level", "PROVINSI", "name", r.label())));
        options.districts().forEach(r -> rows.add(row("code", r.code(), "level", "KABUPATEN_KOTA", "name", r.label())));
        return answer(null, rows, f, "regions", request);
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

    private static Object shown(Object count) {
        return ((Disclosure.Count) count).shown();
    }

    /** The answer as JSON or CSV, written to the audit log first: user, endpoint, parameters, rows. */
    private ResponseEntity<?> answer(Filters filters, List<Map<String, Object>> rows, String format, String name,
                                     HttpServletRequest request) {
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        audit.exported(user, "api " + request.getRequestURI() + "?" + (request.getQueryString() == null ? "" : request.getQueryString())
                + " " + format + ", " + rows.size() + " rows");
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
