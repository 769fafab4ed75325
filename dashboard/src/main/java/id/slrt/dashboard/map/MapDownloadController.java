package id.slrt.dashboard.map;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.i18n.MessagesI18NProvider;
import id.slrt.dashboard.security.AccessDenied;
import id.slrt.dashboard.security.AuditLog;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The map screen's download: the same map as an SVG file, with the source line and the boundary
 * attribution drawn under it. The signed-in user's scope, strict parameters (a bad one is a 400 naming it),
 * and a line in the audit log like every export.
 */
@Controller
class MapDownloadController {

    private final Warehouse warehouse;
    private final FilterService filterService;
    private final MapService service;
    private final Outlines outlines;
    private final MessagesI18NProvider i18n;
    private final AuditLog audit;

    MapDownloadController(Warehouse warehouse, FilterService filterService, MapService service, Outlines outlines,
                          MessagesI18NProvider i18n, AuditLog audit) {
        this.warehouse = warehouse;
        this.filterService = filterService;
        this.service = service;
        this.outlines = outlines;
        this.i18n = i18n;
        this.audit = audit;
    }

    @GetMapping("/peta/unduh")
    ResponseEntity<?> download(@RequestParam(name = Filters.FROM, required = false) String from,
                               @RequestParam(name = Filters.TO, required = false) String to,
                               @RequestParam(name = Filters.PROVINCE, required = false) String province,
                               @RequestParam(name = Filters.PROGRAMME, required = false) String programme,
                               @RequestParam(name = MapView.MEASURE_PARAM, required = false) String measureCode,
                               @RequestParam(name = MapView.LEVEL_PARAM, required = false) String level,
                               @RequestParam(name = "bahasa", required = false) String language) {
        YearMonth first = month(from, Filters.FROM);
        YearMonth last = month(to, Filters.TO);
        check(!first.isAfter(last), "dari must not be after sampai");
        check(province == null || province.matches("\\d{2}"), "provinsi must be a 2-digit code");
        check(programme == null || Filters.PROGRAMMES.contains(programme), "program must be one of " + Filters.PROGRAMMES);
        MapMeasure measure = measureCode == null ? MapMeasure.VISITS_PER_1000_POOR : MapMeasure.of(measureCode)
                .orElseThrow(() -> new IllegalArgumentException("ukuran must be one of visits_per_1000_poor,"
                        + " completion_rate, within_sla, open_over_90_days, change, alerts"));
        check(level == null || level.equals(MapView.DISTRICTS), "tingkat must be kabupaten or absent");
        check(language == null || language.equals("id") || language.equals("en"), "bahasa must be id or en");
        Locale locale = "en".equals(language) ? Languages.ENGLISH : Languages.INDONESIAN;
        Snapshot snapshot = warehouse.currentSnapshot().orElseThrow(() -> new IllegalStateException("no snapshot yet"));
        var options = filterService.options(snapshot);
        Filters filters = RegionScope.current().enforce(new Filters(first, last, province, null, programme)).filters();
        boolean districts = level != null;
        var values = service.values(snapshot, filters, measure, districts, options.last());
        Outlines.View view = outlines.view(filters.province(), districts || filters.province() != null);
        String region = filters.province() == null ? i18n.getTranslation("filter.national", locale) : options.label(filters.province());
        String title = i18n.getTranslation("map.measure." + measure.code(), locale) + ", " + region + ", "
                + Languages.yearMonth(first, locale) + " – " + Languages.yearMonth(last, locale);
        String footer = title + ". " + i18n.getTranslation("map.source", locale, snapshot.name()) + " " + Outlines.ATTRIBUTION + ".";
        MapDrawing.Drawn drawn = MapDrawing.draw(view, values, measure, RegionScope.current(),
                code -> MapDrawing.regionName(options, view, code), code -> null,
                key -> i18n.getTranslation(key, locale), title, footer, locale);
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        audit.exported(user, "map " + measure.code() + " " + filters + " svg");
        return ResponseEntity.ok().contentType(new MediaType("image", "svg+xml", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"slrt-peta-" + measure.code() + "-"
                        + (filters.province() == null ? "nasional" : filters.province()) + ".svg\"")
                .body(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + drawn.svg()).getBytes(StandardCharsets.UTF_8));
    }

    private static YearMonth month(String text, String name) {
        check(text != null, name + " (a month as YYYY-MM) is required");
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a month as YYYY-MM");
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<String> bad(IllegalArgumentException e) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<String> none(IllegalStateException e) {
        return ResponseEntity.status(503).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<String> denied(AccessDenied e) {
        return ResponseEntity.status(403).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }
}
