package id.slrt.dashboard.referrals;

import jakarta.annotation.security.PermitAll;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsColumn;
import com.vaadin.flow.component.charts.model.PlotOptionsLine;
import com.vaadin.flow.component.charts.model.Stacking;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;

import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.layout.Charts;
import id.slrt.dashboard.layout.FilteredView;
import id.slrt.dashboard.layout.Grids;
import id.slrt.dashboard.layout.Kpi;
import id.slrt.dashboard.layout.MainLayout;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * Referrals for any region level: completion by programme and by destination agency, days to
 * completion, the open backlog by age band, the declined share, and the trend. SQL: {@link ReferralsService}.
 */
@PermitAll
@Route(value = "rujukan", layout = MainLayout.class)
public class ReferralsView extends FilteredView {

    static final List<String> BANDS = List.of("0-30", "31-90", ">90");

    private final ReferralsService service;
    private final Kpi referredKpi = new Kpi("kpi-referred");
    private final Kpi completionKpi = new Kpi("kpi-completion");
    private final Kpi declinedKpi = new Kpi("kpi-declined");
    private final Kpi daysKpi = new Kpi("kpi-days");
    private final Kpi openKpi = new Kpi("kpi-open");
    private final Chart trendChart = Charts.create("referrals-trend-chart", ChartType.COLUMN, "300px");
    private final Chart backlogChart = Charts.create("backlog-chart", ChartType.COLUMN, "300px");
    private final Paragraph programmeTitle = new Paragraph();
    private final Paragraph agencyTitle = new Paragraph();
    private final Grid<ReferralsService.Outcome> byProgramme = Grids.grid("programme-grid");
    private final Grid<ReferralsService.Outcome> byAgency = Grids.grid("agency-grid");
    private final Paragraph note = new Paragraph();

    private List<ReferralsService.Outcome> outcomes = List.of();
    private List<ReferralsService.Month> trend = List.of();
    private List<ReferralsService.Backlog> backlog = List.of();

    private final Disclosure disclosure;
    private final id.slrt.dashboard.annotations.AnnotationsService annotationsService;
    private final id.slrt.dashboard.annotations.AnnotationNotes notes = new id.slrt.dashboard.annotations.AnnotationNotes("referrals-annotations");
    private List<id.slrt.dashboard.annotations.Annotation> annotations = List.of();
    /** The last draw's outcomes as the disclosure policy lets them show. */
    private OutcomeCounts counts;
    private Disclosure.Table table;

    public ReferralsView(Warehouse warehouse, FilterService filterService, ReferralsService service, Disclosure disclosure,
                         id.slrt.dashboard.annotations.AnnotationsService annotationsService) {
        super(warehouse, filterService, "referrals.title", true);
        this.disclosure = disclosure;
        this.service = service;
        this.annotationsService = annotationsService;
        headings(programmeTitle, agencyTitle);
        note.setId("referrals-note");
        note.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        content.add(row(null, referredKpi, completionKpi, declinedKpi, daysKpi, openKpi),
                row("26em", trendChart, backlogChart), notes, programmeTitle, byProgramme, agencyTitle, byAgency, note);
    }

    @Override
    protected void load() {
        outcomes = service.outcomes(snapshot, filters);
        trend = service.trend(snapshot, filters);
        backlog = service.backlog(snapshot, filters);
        annotations = annotationsService.forRegion(filters);
    }

    @Override
    protected boolean hasData() {
        return total().referred() > 0;
    }

    ReferralsService.Outcome total() {
        return outcomes.stream().filter(o -> o.dimension().equals("total")).findFirst()
                .orElse(new ReferralsService.Outcome("total", "", 0, 0, 0, 0, 0, null, null));
    }

    @Override
    protected void draw(Locale locale) {
        Charts.useLanguage(locale);
        ReferralsService.Outcome all = total();
        // One answer for the screen: the outcome grids and cards, the trend's months (their sums are the
        // cards') and the backlog's bands at the period's end (their sum is the open card).
        table = disclosure.table();
        counts = new OutcomeCounts(table, outcomes.contains(all) ? outcomes : java.util.stream.Stream.concat(
                outcomes.stream(), java.util.stream.Stream.of(all)).toList());
        List<Disclosure.Count[]> months = trend.stream().map(m -> new Disclosure.Count[] {table.count(m.referred()),
                table.count(m.completed()), table.count(m.declined())}).toList();
        for (int k = 0; k < 3; k++) {
            int column = k;
            table.sum(counts.get(all, column), months.stream().map(c -> c[column]).toList());
        }
        Map<String, Long> lastMonth = openAt(filters.to());
        Map<String, Disclosure.Count> bands = new TreeMap<>();
        lastMonth.forEach((band, n) -> bands.put(band, table.count(n)));
        Disclosure.Count open = table.count(lastMonth.values().stream().mapToLong(Long::longValue).sum());
        table.sum(open, List.copyOf(bands.values()));
        Disclosure.Count over90 = bands.getOrDefault(">90", table.count(0));
        table.disclose();
        LongFunction<String> integer = n -> Languages.integer(n, locale);
        referredKpi.show(getTranslation("referrals.kpi.referred"), counts.get(all, OutcomeCounts.REFERRED).text(integer),
                getTranslation("referrals.kpi.completed", counts.get(all, OutcomeCounts.COMPLETED).text(integer)));
        completionKpi.show(getTranslation("referrals.kpi.completion"), Languages.percent(counts.completionRate(all), locale),
                getTranslation("referrals.kpi.sla", Languages.percent(counts.withinSlaShare(all), locale)));
        declinedKpi.show(getTranslation("referrals.kpi.declined"), Languages.percent(counts.declinedShare(all), locale),
                getTranslation("referrals.kpi.declined.note", counts.get(all, OutcomeCounts.DECLINED).text(integer)));
        daysKpi.show(getTranslation("referrals.kpi.days"), Languages.decimal(counts.daysP50(all), locale),
                getTranslation("referrals.kpi.days.p90", Languages.decimal(counts.daysP90(all), locale)));
        openKpi.show(getTranslation("referrals.kpi.open", Languages.yearMonth(filters.to(), locale)),
                open.text(integer), getTranslation("referrals.kpi.open.over90", over90.text(integer)));
        drawTrend(locale, months);
        drawBacklog(locale);
        programmeTitle.setText(getTranslation("referrals.byProgramme"));
        agencyTitle.setText(getTranslation("referrals.byAgency"));
        fill(byProgramme, "programme", locale);
        fill(byAgency, "agency", locale);
        note.setText(getTranslation("referrals.note"));
    }

    private Map<String, Long> openAt(YearMonth month) {
        Map<String, Long> bands = new TreeMap<>();
        backlog.stream().filter(b -> b.month().equals(month)).forEach(b -> bands.put(b.band(), b.open()));
        return bands;
    }

    private void drawTrend(Locale locale, List<Disclosure.Count[]> months) {
        Configuration conf = trendChart.getConfiguration();
        conf.setTitle(getTranslation("referrals.chart.trend", describe(locale)));
        conf.getxAxis().setCategories(trend.stream().map(m -> Languages.shortYearMonth(m.month(), locale)).toArray(String[]::new));
        conf.getyAxis().setTitle("");
        ListSeries referred = new ListSeries(getTranslation("referrals.series.referred"),
                Charts.values(months.stream().map(c -> c[0]).toList()));
        referred.setPlotOptions(new PlotOptionsColumn());
        ListSeries completed = new ListSeries(getTranslation("referrals.series.completed"),
                Charts.values(months.stream().map(c -> c[1]).toList()));
        completed.setPlotOptions(new PlotOptionsLine());
        ListSeries declined = new ListSeries(getTranslation("referrals.series.declined"),
                Charts.values(months.stream().map(c -> c[2]).toList()));
        declined.setPlotOptions(new PlotOptionsLine());
        conf.setSeries(referred, completed, declined);
        notes.list(annotations, filters.from(), filters.to(), this::regionLabel, locale);
        notes.mark(trendChart, trend.stream().map(m -> m.month()).toList());
        trendChart.drawChart(true);
    }

    private void drawBacklog(Locale locale) {
        Configuration conf = backlogChart.getConfiguration();
        conf.setTitle(getTranslation("referrals.chart.backlog"));
        List<YearMonth> months = backlog.stream().map(ReferralsService.Backlog::month).distinct().sorted().toList();
        conf.getxAxis().setCategories(months.stream().map(m -> Languages.shortYearMonth(m, locale)).toArray(String[]::new));
        conf.getyAxis().setTitle("");
        PlotOptionsColumn stacked = new PlotOptionsColumn();
        stacked.setStacking(Stacking.NORMAL);
        conf.setPlotOptions(stacked);
        List<com.vaadin.flow.component.charts.model.Series> series = new java.util.ArrayList<>();
        // Each month's bands are one answer of their own (a stacked column shows their sum).
        Map<YearMonth, Map<String, Disclosure.Count>> shown = new TreeMap<>();
        Disclosure.Table bands = disclosure.table();
        for (YearMonth m : months) {
            Map<String, Disclosure.Count> byBand = new TreeMap<>();
            openAt(m).forEach((band, n) -> byBand.put(band, bands.count(n)));
            bands.sum(bands.count(byBand.values().stream().mapToLong(Disclosure.Count::value).sum()), List.copyOf(byBand.values()));
            shown.put(m, byBand);
        }
        bands.disclose();
        for (String band : BANDS) {
            Number[] values = Charts.values(months.stream().map(m -> shown.get(m).getOrDefault(band, bands.count(0))).toList());
            series.add(new ListSeries(getTranslation("referrals.band", band), values));
        }
        conf.setSeries(series);
        notes.mark(backlogChart, months);
        backlogChart.drawChart(true);
    }

    private void fill(Grid<ReferralsService.Outcome> grid, String dimension, Locale locale) {
        grid.removeAllColumns();
        Grids.text(grid, getTranslation("referrals.col." + dimension),
                o -> Languages.codeLabel(this, dimension + ".", o.value()));
        OutcomeCounts c = counts;
        LongFunction<String> integer = n -> Languages.integer(n, locale);
        Grids.count(grid, getTranslation("referrals.col.referred"), o -> c.get(o, OutcomeCounts.REFERRED), integer);
        Grids.measure(grid, getTranslation("referrals.col.completion"), c::completionRate, r -> Languages.percent(r, locale));
        Grids.measure(grid, getTranslation("referrals.col.declined"), c::declinedShare, r -> Languages.percent(r, locale));
        Grids.count(grid, getTranslation("referrals.col.open"), o -> c.get(o, OutcomeCounts.OPEN), integer);
        Grids.measure(grid, getTranslation("referrals.col.sla"), c::withinSlaShare, r -> Languages.percent(r, locale));
        Grids.measure(grid, getTranslation("referrals.col.p50"), c::daysP50, d -> Languages.decimal(d, locale));
        Grids.measure(grid, getTranslation("referrals.col.p90"), c::daysP90, d -> Languages.decimal(d, locale));
        grid.setItems(outcomes.stream().filter(o -> o.dimension().equals(dimension)).toList());
    }
}
