package id.slrt.dashboard.national;

import jakarta.annotation.security.PermitAll;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.Locale;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.DashStyle;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsColumn;
import com.vaadin.flow.component.charts.model.PlotOptionsLine;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;

import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.layout.Charts;
import id.slrt.dashboard.layout.FilteredView;
import id.slrt.dashboard.layout.Grids;
import id.slrt.dashboard.layout.Kpi;
import id.slrt.dashboard.layout.MainLayout;
import id.slrt.dashboard.visits.MonthlyVisitsView;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * For Kemensos directors: the national (or one province's) trend, coverage growth, and which provinces
 * and districts grow or lag. A province row drills to its districts; a district row opens its page.
 * The SQL is in {@link NationalService}.
 */
@PermitAll
@Route(value = "", layout = MainLayout.class)
public class NationalView extends FilteredView {

    private final NationalService service;
    private final Kpi visitsKpi = new Kpi("kpi-visits");
    private final Kpi referralsKpi = new Kpi("kpi-referrals");
    private final Kpi completionKpi = new Kpi("kpi-completion");
    private final Kpi districtsKpi = new Kpi("kpi-districts");
    private final Chart monthlyChart = Charts.create("national-chart", ChartType.COLUMN, "320px");
    private final Chart coverageChart = Charts.create("coverage-chart", ChartType.COLUMN, "260px");
    private final Paragraph rankingTitle = new Paragraph();
    private final Grid<NationalService.Ranked> ranking = Grids.grid("ranking-grid");
    /** Alerts of the period per ranked province or district. */
    private java.util.Map<String, Long> alertCounts = java.util.Map.of();

    private NationalService.Totals totals;
    private List<NationalService.Month> months = List.of();
    private List<NationalService.Coverage> coverage = List.of();
    private List<NationalService.Ranked> ranked = List.of();

    private final Disclosure disclosure;
    private final id.slrt.dashboard.annotations.AnnotationsService annotationsService;
    /** The map panel: the same regions as the ranking, by visits per 1,000 poor residents; links to /peta. */
    private final id.slrt.dashboard.map.MapService mapService;
    private final id.slrt.dashboard.map.Outlines outlines;
    private final com.vaadin.flow.component.html.Div mapPanel = new com.vaadin.flow.component.html.Div();
    private Map<String, id.slrt.dashboard.map.MapService.RegionValue> mapValues = Map.of();
    private final id.slrt.dashboard.annotations.AnnotationNotes notes = new id.slrt.dashboard.annotations.AnnotationNotes("national-chart-annotations");
    private List<id.slrt.dashboard.annotations.Annotation> annotations = List.of();
    /** The numbers of the last draw as the disclosure policy lets them show, one answer for the whole screen. */
    private Disclosure.Table table;
    private Map<NationalService.Ranked, Disclosure.Count[]> rankedCounts = new IdentityHashMap<>();

    public NationalView(Warehouse warehouse, FilterService filterService, NationalService service, Disclosure disclosure,
                        id.slrt.dashboard.annotations.AnnotationsService annotationsService,
                        id.slrt.dashboard.map.MapService mapService, id.slrt.dashboard.map.Outlines outlines) {

        super(warehouse, filterService, "national.title", true);
        this.mapService = mapService;
        this.outlines = outlines;
        mapPanel.setId("national-map");
        mapPanel.getStyle().set("flex", "1 1 24em").set("max-width", "40em");
        this.disclosure = disclosure;
        this.service = service;
        this.annotationsService = annotationsService;
        headings(rankingTitle);
        ranking.addItemClickListener(e -> drill(e.getItem()));
        var charts = row(null, monthlyChart, coverageChart);
        monthlyChart.getStyle().set("flex", "2 1 30em");
        coverageChart.getStyle().set("flex", "1 1 20em");
        content.add(row(null, visitsKpi, referralsKpi, completionKpi, districtsKpi), charts, notes, rankingTitle,
                row(null, ranking, mapPanel));
        ranking.getStyle().set("flex", "2 1 30em");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // Links from before the national view ("/?kabupaten=3404&tahun=2018") still open the district page.
        if (event.getLocation().getQueryParameters().getParameters().containsKey(MonthlyVisitsView.YEAR_PARAM)) {
            event.forwardTo(MonthlyVisitsView.class, event.getLocation().getQueryParameters());
            return;
        }
        super.beforeEnter(event);
    }

    @Override
    protected void load() {
        totals = service.totals(snapshot, filters);
        months = service.monthly(snapshot, filters);
        coverage = service.coverage(snapshot, filters);
        ranked = service.ranking(snapshot, filters);
        alertCounts = service.alertCounts(snapshot, filters, options.last());
        mapValues = mapService.values(snapshot, filters, id.slrt.dashboard.map.MapMeasure.VISITS_PER_1000_POOR, false,
                options.last());
        annotations = annotationsService.forRegion(filters);
    }

    @Override
    protected boolean hasData() {
        return totals != null && totals.visits() > 0;
    }

    @Override
    protected void draw(Locale locale) {
        Charts.useLanguage(locale);
        // One answer: the cards are the sums of the chart's months and (for the whole region) of the ranking.
        table = disclosure.table();
        Disclosure.Count visits = table.count(totals.visits());
        Disclosure.Count before = table.count(totals.visitsYearBefore());
        Disclosure.Count referred = table.count(totals.referred());
        Disclosure.Count completed = table.count(totals.completed());
        List<Disclosure.Count[]> byMonth = months.stream().map(m -> new Disclosure.Count[] {table.count(m.visits()),
                table.count(m.visitsYearBefore()), table.count(m.referred())}).toList();
        table.sum(visits, byMonth.stream().map(c -> c[0]).toList())
                .sum(before, byMonth.stream().map(c -> c[1]).toList())
                .sum(referred, byMonth.stream().map(c -> c[2]).toList());
        rankedCounts = new IdentityHashMap<>();
        for (NationalService.Ranked r : ranked) {
            rankedCounts.put(r, new Disclosure.Count[] {table.count(r.visits()), table.count(r.visitsYearBefore()),
                    table.count(r.referred()), table.count(r.completed()), table.count(r.open()), table.count(r.openOver90())});
        }
        if (filters.district() == null) {
            List<Disclosure.Count[]> rows = ranked.stream().map(rankedCounts::get).toList();
            table.sum(visits, rows.stream().map(c -> c[0]).toList()).sum(referred, rows.stream().map(c -> c[2]).toList());
        }
        table.disclose();
        LongFunction<String> integer = n -> Languages.integer(n, locale);
        Double change = table.measure(totals.visitsYearBefore() == 0 ? null
                : (totals.visits() - totals.visitsYearBefore()) / (double) totals.visitsYearBefore(), visits, before).shown();
        visitsKpi.show(getTranslation("national.kpi.visits"), visits.text(integer),
                getTranslation("national.kpi.change", change == null ? "–" : (change >= 0 ? "+" : "") + Languages.percent(change, locale)));
        referralsKpi.show(getTranslation("national.kpi.referrals"), referred.text(integer),
                getTranslation("national.kpi.completed", completed.text(integer)));
        completionKpi.show(getTranslation("national.kpi.completion"),
                Languages.percent(table.measure(totals.referred() == 0 ? null : totals.completed() / (double) totals.referred(),
                        completed, referred).shown(), locale),
                getTranslation("national.kpi.completion.note"));
        // A count of districts, not of people: shown as it is.
        districtsKpi.show(getTranslation("national.kpi.districts"), Languages.integer(totals.districts(), locale), "");
        drawMonthly(locale, byMonth);
        drawCoverage();
        drawRanking(locale);
        drawMap(locale);
    }

    /** The ranking's regions on a map (the Peta screen's drawing), each opening the Peta screen there. */
    private void drawMap(Locale locale) {
        var measure = id.slrt.dashboard.map.MapMeasure.VISITS_PER_1000_POOR;
        var view = outlines.view(filters.province(), filters.province() != null);
        String measureName = getTranslation("map.measure." + measure.code());
        var drawn = id.slrt.dashboard.map.MapDrawing.draw(view, mapValues, measure,
                id.slrt.dashboard.security.RegionScope.current(),
                code -> id.slrt.dashboard.map.MapDrawing.regionName(options, view, code),
                code -> "peta?" + (code.length() == 2 ? filters.withProvince(code) : filters.withProvince(code.substring(0, 2)))
                        .toQuery().getQueryString(),
                this::getTranslation, getTranslation("map.aria", measureName, describe(locale)), null, locale);
        mapPanel.removeAll();
        com.vaadin.flow.component.html.Paragraph caption = new com.vaadin.flow.component.html.Paragraph(
                measureName + " · " + id.slrt.dashboard.map.Outlines.ATTRIBUTION);
        caption.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)")
                .set("margin", "0");
        mapPanel.add(new com.vaadin.flow.component.Html("<div>" + drawn.svg() + "</div>"), caption);
    }

    private void drawMonthly(Locale locale, List<Disclosure.Count[]> byMonth) {
        Configuration conf = monthlyChart.getConfiguration();
        conf.setTitle(getTranslation("national.chart.monthly", describe(locale)));
        conf.getxAxis().setCategories(months.stream().map(m -> Languages.shortYearMonth(m.month(), locale)).toArray(String[]::new));
        conf.getyAxis().setTitle("");
        ListSeries visits = new ListSeries(getTranslation("national.series.visits"),
                Charts.values(byMonth.stream().map(c -> c[0]).toList()));
        visits.setPlotOptions(new PlotOptionsColumn());
        ListSeries before = new ListSeries(getTranslation("national.series.yearBefore"),
                Charts.values(byMonth.stream().map(c -> c[1]).toList()));
        PlotOptionsLine dashed = new PlotOptionsLine();
        dashed.setDashStyle(DashStyle.DASH);
        before.setPlotOptions(dashed);
        ListSeries referred = new ListSeries(getTranslation("national.series.referred"),
                Charts.values(byMonth.stream().map(c -> c[2]).toList()));
        referred.setPlotOptions(new PlotOptionsLine());
        conf.setSeries(visits, before, referred);
        notes.list(annotations, filters.from(), filters.to(), this::regionLabel, locale);
        notes.mark(monthlyChart, months.stream().map(NationalService.Month::month).toList());
        monthlyChart.drawChart(true);
    }

    private void drawCoverage() {
        Configuration conf = coverageChart.getConfiguration();
        conf.setTitle(getTranslation("national.chart.coverage"));
        conf.getxAxis().setCategories(coverage.stream().map(c -> String.valueOf(c.year())).toArray(String[]::new));
        conf.getyAxis().setTitle("");
        ListSeries districts = new ListSeries(getTranslation("national.series.districts"),
                coverage.stream().map(NationalService.Coverage::districts).toArray(Number[]::new));
        ListSeries provinces = new ListSeries(getTranslation("national.series.provinces"),
                coverage.stream().map(NationalService.Coverage::provinces).toArray(Number[]::new));
        provinces.setPlotOptions(new PlotOptionsLine());
        conf.setSeries(districts, provinces);
        coverageChart.drawChart(true);
    }

    private void drawRanking(Locale locale) {
        boolean districts = filters.province() != null;
        rankingTitle.setText(getTranslation(districts ? "national.ranking.districts" : "national.ranking.provinces",
                districts ? options.label(filters.province()) : ""));
        ranking.removeAllColumns();
        Grids.text(ranking, getTranslation("national.col.region"),
                r -> new id.slrt.dashboard.filters.Region(r.code(), r.type(), r.name(), null).label());
        LongFunction<String> integer = n -> Languages.integer(n, locale);
        Map<NationalService.Ranked, Disclosure.Count[]> c = rankedCounts;
        Grids.count(ranking, getTranslation("national.col.visits"), r -> c.get(r)[0], integer);
        Grids.measure(ranking, getTranslation("national.col.change"), r -> table.measure(r.change(), c.get(r)[0], c.get(r)[1]).shown(),
                x -> x == null ? "–" : (x >= 0 ? "+" : "") + Languages.percent(x, locale));
        Grids.count(ranking, getTranslation("national.col.referred"), r -> c.get(r)[2], integer);
        Grids.measure(ranking, getTranslation("national.col.completion"),
                r -> table.measure(r.completionRate(), c.get(r)[3], c.get(r)[2]).shown(), x -> Languages.percent(x, locale));
        Grids.count(ranking, getTranslation("national.col.open"), r -> c.get(r)[4], integer);
        Grids.count(ranking, getTranslation("national.col.over90"), r -> c.get(r)[5], integer);
        Grids.number(ranking, getTranslation("national.col.alerts"), r -> alertCounts.getOrDefault(r.code(), 0L),
                n -> Languages.integer(n, locale));
        ranking.setItems(ranked);
    }

    private void drill(NationalService.Ranked row) {
        if (row.code().length() == 2) {
            navigate(filters.withProvince(row.code()));
        } else {
            navigate(MonthlyVisitsView.class, filters.withDistrict(row.code()));
        }
    }
}
