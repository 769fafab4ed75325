package id.slrt.dashboard.reports;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.filters.Region;
import id.slrt.dashboard.outlook.OutlookService;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.ScopedQuery;

/**
 * The SQL of the budget report, over visits by programme, referrals_monthly, people_yearly and regions,
 * through {@link ScopedQuery}.
 */
@Service
public class BudgetReportService {

    static final String LINES_SQL = """
            WITH v AS (SELECT district_code, programme, sum(visits) AS visits FROM {visits_by_programme}
                       WHERE {period} AND {region} GROUP BY ALL),
                 b AS (SELECT district_code, programme, sum(visits) AS visits FROM {visits_by_programme}
                       WHERE {period_year_before} AND {region} GROUP BY ALL),
                 r AS (SELECT district_code, programme, sum(referred) AS referred, sum(completed) AS completed
                       FROM {referrals_monthly} WHERE {period} AND {region} GROUP BY ALL)
            SELECT v.district_code, reg.type, reg.name, v.programme, v.visits, coalesce(b.visits, 0),
                   coalesce(r.referred, 0), coalesce(r.completed, 0)
            FROM v LEFT JOIN b USING (district_code, programme) LEFT JOIN r USING (district_code, programme)
                   LEFT JOIN {regions} reg ON reg.code = v.district_code
            ORDER BY v.district_code, v.programme
            """;

    static final String PEOPLE_SQL = """
            SELECT district_code, sum(people) FROM {people_yearly} WHERE year BETWEEN :from AND :to AND {region}
            GROUP BY district_code
            """;

    private final ScopedQuery queries;
    private final FilterService filterService;
    private final OutlookService outlook;

    private final id.slrt.dashboard.annotations.AnnotationsService annotations;
    private final id.slrt.dashboard.map.MapService maps;
    private final id.slrt.dashboard.map.Outlines outlines;

    public BudgetReportService(ScopedQuery queries, FilterService filterService, OutlookService outlook,
                               id.slrt.dashboard.annotations.AnnotationsService annotations,
                               id.slrt.dashboard.map.MapService maps, id.slrt.dashboard.map.Outlines outlines) {
        this.annotations = annotations;
        this.maps = maps;
        this.outlines = outlines;
        this.queries = queries;
        this.filterService = filterService;
        this.outlook = outlook;
    }

    /**
     * @param region null (national), a province (2 digits) or a district (4 digits)
     * @throws id.slrt.dashboard.security.AccessDenied outside the user's scope
     */
    public BudgetReport report(Snapshot snapshot, String region, int fromYear, int toYear) {
        Filters asked = new Filters(YearMonth.of(fromYear, 1), YearMonth.of(toYear, 12), null, null, null);
        if (region != null && region.length() == 4) {
            asked = asked.withDistrict(region);
        } else if (region != null) {
            asked = asked.withProvince(region);
        }
        RegionScope.Scoped scoped = RegionScope.current().enforce(asked);
        Filters filters = scoped.filters();
        String label = filters.district() != null ? label(snapshot, filters.district())
                : filters.province() != null ? label(snapshot, filters.province()) : "Nasional";
        List<BudgetReport.Line> programmeLines = queries.sql(snapshot, scoped, LINES_SQL).requires("people_yearly").list(
                row -> new BudgetReport.Line(row.getString(1),
                        new Region(row.getString(1), row.getString(2), row.getString(3), null).labelWithCode(),
                        row.getString(4), row.getLong(5), row.getLong(6), null, row.getLong(7), row.getLong(8)));
        Map<String, Long> people = new HashMap<>();
        queries.sql(snapshot, scoped, PEOPLE_SQL).bind("from", fromYear).bind("to", toYear)
                .list(row -> people.put(row.getString(1), row.getLong(2)));
        YearMonth latest = filterService.options(snapshot).last();
        return assemble(label, fromYear, toYear, snapshot.name(), programmeLines, people)
                .withProjection(project(outlook.forecasts(snapshot, filters, latest)))
                .withAnnotations(annotations.forRegion(filters))
                .withMap(map(snapshot, filters, label, fromYear, toYear, latest));
    }

    /**
     * The region's map for the PDF: the provinces (national), or the province's districts (a province, or a
     * district among its neighbours, whose numbers a district user does not get), as the Peta screen draws it.
     */
    private BudgetReport.ReportMap map(Snapshot snapshot, Filters filters, String label, int fromYear, int toYear,
                                       YearMonth latest) {
        var measure = id.slrt.dashboard.map.MapMeasure.VISITS_PER_1000_POOR;
        var values = maps.values(snapshot, filters, measure, false, latest);
        var view = outlines.view(filters.province(), filters.province() != null);
        var drawn = id.slrt.dashboard.map.MapDrawing.draw(view, values, measure, RegionScope.current(),
                code -> view.names().get(code), code -> null,
                key -> key.equals("map.noActivity") ? "tidak ada kegiatan SLRT" : "tidak ditampilkan (jumlah kecil)",
                label, null, id.slrt.dashboard.i18n.Languages.INDONESIAN);
        List<String[]> legend = new java.util.ArrayList<>();
        List<String> ranges = id.slrt.dashboard.map.MapDrawing.ranges(drawn, measure, id.slrt.dashboard.i18n.Languages.INDONESIAN);
        for (int c = 0; c < ranges.size(); c++) {
            // The PDF's standard font has no "≥".
            legend.add(new String[] {drawn.palette()[c], ranges.get(c).replace("≥", ">=")});
        }
        legend.add(new String[] {"#ffffff", "tidak ada kegiatan SLRT"});
        String years = fromYear == toYear ? String.valueOf(fromYear) : fromYear + "-" + toYear;
        return new BudgetReport.ReportMap("Kunjungan per 1.000 penduduk miskin, " + label + ", " + years,
                new double[] {view.x(), view.y(), view.width(), view.height()}, drawn.areas(), legend);
    }

    /**
     * The forecasts' twelve months summed per measure and programme over the districts: programmes first
     * (by code), then visits in all programmes, then referrals made. The expectation is the sum of the
     * months' expectations; the interval the sum of their bounds (see docs/outlook.md: a district's months
     * share the error of its level, so their errors are not independent and a square-root sum would be too
     * narrow; summing the bounds assumes they move together, the conservative side).
     */
    static BudgetReport.Projection project(List<OutlookService.Outlook> forecasts) {
        if (forecasts.isEmpty()) {
            return BudgetReport.Projection.NONE;
        }
        Map<String, double[]> sums = new TreeMap<>();
        YearMonth from = null;
        YearMonth to = null;
        for (OutlookService.Outlook o : forecasts) {
            // Sort key: a programme's visits, then all programmes ("~"), then referrals ("~~").
            String key = o.measure().equals(OutlookService.REFERRALS) ? "~~" : o.programme() == null ? "~" : o.programme();
            double[] sum = sums.computeIfAbsent(key, k -> new double[3]);
            sum[0] += o.expected();
            sum[1] += o.low();
            sum[2] += o.high();
            from = from == null || o.month().isBefore(from) ? o.month() : from;
            to = to == null || o.month().isAfter(to) ? o.month() : to;
        }
        List<BudgetReport.Projected> lines = new ArrayList<>();
        sums.forEach((key, sum) -> lines.add(new BudgetReport.Projected(
                key.equals("~~") ? OutlookService.REFERRALS : OutlookService.VISITS,
                key.startsWith("~") ? null : key, sum[0], sum[1], sum[2])));
        return new BudgetReport.Projection(from, to, List.copyOf(lines));
    }

    /** Each district's programme lines followed by its total; the region's total last. */
    static BudgetReport assemble(String label, int fromYear, int toYear, String snapshot,
                                 List<BudgetReport.Line> programmeLines, Map<String, Long> people) {
        List<BudgetReport.Line> lines = new ArrayList<>();
        long[] all = new long[5];
        for (int i = 0; i < programmeLines.size(); ) {
            String district = programmeLines.get(i).districtCode();
            long[] sum = new long[4];
            String districtLabel = programmeLines.get(i).districtLabel();
            while (i < programmeLines.size() && programmeLines.get(i).districtCode().equals(district)) {
                BudgetReport.Line line = programmeLines.get(i++);
                lines.add(line);
                sum[0] += line.visits();
                sum[1] += line.visitsYearBefore();
                sum[2] += line.referred();
                sum[3] += line.completed();
            }
            long served = people.getOrDefault(district, 0L);
            lines.add(new BudgetReport.Line(district, districtLabel, null, sum[0], sum[1], served, sum[2], sum[3]));
            for (int k = 0; k < 4; k++) {
                all[k] += sum[k];
            }
            all[4] += served;
        }
        return new BudgetReport(label, fromYear, toYear, snapshot, lines,
                new BudgetReport.Line(null, "Total", null, all[0], all[1], all[4], all[2], all[3]),
                BudgetReport.Projection.NONE, List.of(), BudgetReport.ReportMap.NONE);
    }

    private String label(Snapshot snapshot, String code) {
        return filterService.options(snapshot).region(code).map(Region::labelWithCode).orElse(code);
    }
}
