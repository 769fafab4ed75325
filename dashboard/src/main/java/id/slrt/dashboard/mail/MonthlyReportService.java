package id.slrt.dashboard.mail;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.alerts.Alert;
import id.slrt.dashboard.alerts.AlertsService;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.filters.Region;
import id.slrt.dashboard.national.NationalService;
import id.slrt.dashboard.reports.BudgetReport;
import id.slrt.dashboard.reports.BudgetReportService;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.ScopedQuery;

/**
 * The numbers of the monthly mail. The region's numbers come from the services the screens use
 * ({@link NationalService}, {@link BudgetReportService}), so they apply the caller's region scope; only
 * the report month and region names are read here (reference queries: they hold no region's numbers).
 */
@Service
public class MonthlyReportService {

    /** The latest month with visits before the given one (yyyymm): the month to report on. */
    static final String REPORT_MONTH_SQL = "SELECT max(ym) FROM {visits_by_programme} WHERE ym < :before";

    static final String REGION_SQL = "SELECT code, type, name, province_code FROM {regions} WHERE code = :code";

    private final ScopedQuery queries;
    private final NationalService national;
    private final BudgetReportService budget;
    private final AlertsService alerts;

    private final id.slrt.dashboard.annotations.AnnotationsService annotations;

    public MonthlyReportService(ScopedQuery queries, NationalService national, BudgetReportService budget,
                                AlertsService alerts, id.slrt.dashboard.annotations.AnnotationsService annotations) {
        this.alerts = alerts;
        this.annotations = annotations;
        this.queries = queries;
        this.national = national;
        this.budget = budget;
    }

    /**
     * The latest month with visits before {@code currentMonth}: the current month is never complete.
     * Empty when the snapshot has no visits before it.
     */
    public Optional<YearMonth> reportMonth(Snapshot snapshot, YearMonth currentMonth) {
        return queries.reference(snapshot, REPORT_MONTH_SQL)
                .bind("before", currentMonth.getYear() * 100 + currentMonth.getMonthValue())
                .read(rows -> {
                    rows.next();
                    int ym = rows.getInt(1);
                    return rows.wasNull() ? Optional.<YearMonth>empty() : Optional.of(YearMonth.of(ym / 100, ym % 100));
                }, Optional.empty());
    }

    /**
     * January to {@code month} in a region (null: national), with the same months a year earlier.
     *
     * @throws id.slrt.dashboard.security.AccessDenied outside the caller's region scope
     */
    public MonthlySummary summary(Snapshot snapshot, String region, YearMonth month) {
        Filters filters = new Filters(YearMonth.of(month.getYear(), 1), month, null, null, null);
        if (region != null) {
            filters = region.length() == 4 ? filters.withDistrict(region) : filters.withProvince(region);
        }
        NationalService.Totals totals = national.totals(snapshot, filters);
        Optional<NationalService.Month> peak = national.monthly(snapshot, filters).stream()
                .max(Comparator.comparingLong(NationalService.Month::visits)
                        .thenComparing(NationalService.Month::month, Comparator.reverseOrder()));
        // The month's alerts, judged with what was known up to it (a silence is news up to the report month).
        List<Alert> monthAlerts = alerts.alerts(snapshot, filters.withPeriod(month, month), null, month).stream()
                .sorted(Comparator.comparingDouble((Alert a) -> -Math.abs(a.zScore()))).toList();
        java.util.Map<String, String> names = new java.util.TreeMap<>();
        List<id.slrt.dashboard.annotations.Annotation> notes = annotations.forRegion(filters.withPeriod(month, month));
        monthAlerts.forEach(a -> names.computeIfAbsent(a.code(), code -> code.isEmpty() ? "" : label(snapshot, code)));
        notes.forEach(n -> names.computeIfAbsent(n.region(), code -> code.isEmpty() ? "" : label(snapshot, code)));
        return new MonthlySummary(region == null ? null : label(snapshot, region), filters.from(), filters.to(),
                totals.visits(), totals.visitsYearBefore(), peak.map(NationalService.Month::month).orElse(null),
                peak.map(NationalService.Month::visits).orElse(0L), totals.referred(), totals.completed(), monthAlerts, names,
                notes);
    }

    /** The budget report of the region (null: national) for the year, under the caller's region scope. */
    public BudgetReport budgetReport(Snapshot snapshot, String region, int year) {
        return budget.report(snapshot, region, year, year);
    }

    /** "Kab. Sleman" from the snapshot's regions reference, or the code when the reference lacks it. */
    private String label(Snapshot snapshot, String code) {
        return queries.reference(snapshot, REGION_SQL).bind("code", code)
                .list(row -> new Region(row.getString(1), row.getString(2), row.getString(3), row.getString(4)))
                .stream().findFirst().map(Region::label).orElse(code);
    }
}
