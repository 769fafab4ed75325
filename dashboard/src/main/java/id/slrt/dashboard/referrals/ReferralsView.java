package id.slrt.dashboard.referrals;

import jakarta.annotation.security.PermitAll;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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

    public ReferralsView(Warehouse warehouse, FilterService filterService, ReferralsService service) {
        super(warehouse, filterService, "referrals.title", true);
        this.service = service;
        headings(programmeTitle, agencyTitle);
        note.setId("referrals-note");
        note.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        content.add(row(null, referredKpi, completionKpi, declinedKpi, daysKpi, openKpi),
                row("26em", trendChart, backlogChart), programmeTitle, byProgramme, agencyTitle, byAgency, note);
    }

    @Override
    protected void load() {
        outcomes = service.outcomes(snapshot, filters);
        trend = service.trend(snapshot, filters);
        backlog = service.backlog(snapshot, filters);
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
        referredKpi.show(getTranslation("referrals.kpi.referred"), Languages.integer(all.referred(), locale),
                getTranslation("referrals.kpi.completed", Languages.integer(all.completed(), locale)));
        completionKpi.show(getTranslation("referrals.kpi.completion"), Languages.percent(all.completionRate(), locale),
                getTranslation("referrals.kpi.sla", Languages.percent(all.withinSlaShare(), locale)));
        declinedKpi.show(getTranslation("referrals.kpi.declined"), Languages.percent(all.declinedShare(), locale),
                getTranslation("referrals.kpi.declined.note", Languages.integer(all.declined(), locale)));
        daysKpi.show(getTranslation("referrals.kpi.days"), Languages.decimal(all.daysP50(), locale),
                getTranslation("referrals.kpi.days.p90", Languages.decimal(all.daysP90(), locale)));
        Map<String, Long> lastMonth = openAt(filters.to());
        long open = lastMonth.values().stream().mapToLong(Long::longValue).sum();
        openKpi.show(getTranslation("referrals.kpi.open", Languages.yearMonth(filters.to(), locale)),
                Languages.integer(open, locale), getTranslation("referrals.kpi.open.over90",
                        Languages.integer(lastMonth.getOrDefault(">90", 0L), locale)));
        drawTrend(locale);
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

    private void drawTrend(Locale locale) {
        Configuration conf = trendChart.getConfiguration();
        conf.setTitle(getTranslation("referrals.chart.trend", describe(locale)));
        conf.getxAxis().setCategories(trend.stream().map(m -> Languages.shortYearMonth(m.month(), locale)).toArray(String[]::new));
        conf.getyAxis().setTitle("");
        ListSeries referred = new ListSeries(getTranslation("referrals.series.referred"),
                trend.stream().map(ReferralsService.Month::referred).toArray(Number[]::new));
        referred.setPlotOptions(new PlotOptionsColumn());
        ListSeries completed = new ListSeries(getTranslation("referrals.series.completed"),
                trend.stream().map(ReferralsService.Month::completed).toArray(Number[]::new));
        completed.setPlotOptions(new PlotOptionsLine());
        ListSeries declined = new ListSeries(getTranslation("referrals.series.declined"),
                trend.stream().map(ReferralsService.Month::declined).toArray(Number[]::new));
        declined.setPlotOptions(new PlotOptionsLine());
        conf.setSeries(referred, completed, declined);
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
        for (String band : BANDS) {
            Number[] values = months.stream().map(m -> openAt(m).getOrDefault(band, 0L)).toArray(Number[]::new);
            series.add(new ListSeries(getTranslation("referrals.band", band), values));
        }
        conf.setSeries(series);
        backlogChart.drawChart(true);
    }

    private void fill(Grid<ReferralsService.Outcome> grid, String dimension, Locale locale) {
        grid.removeAllColumns();
        Grids.text(grid, getTranslation("referrals.col." + dimension),
                o -> Languages.codeLabel(this, dimension + ".", o.value()));
        Grids.number(grid, getTranslation("referrals.col.referred"), ReferralsService.Outcome::referred, n -> Languages.integer(n, locale));
        Grids.measure(grid, getTranslation("referrals.col.completion"), ReferralsService.Outcome::completionRate, r -> Languages.percent(r, locale));
        Grids.measure(grid, getTranslation("referrals.col.declined"), ReferralsService.Outcome::declinedShare, r -> Languages.percent(r, locale));
        Grids.number(grid, getTranslation("referrals.col.open"), ReferralsService.Outcome::open, n -> Languages.integer(n, locale));
        Grids.measure(grid, getTranslation("referrals.col.sla"), ReferralsService.Outcome::withinSlaShare, r -> Languages.percent(r, locale));
        Grids.measure(grid, getTranslation("referrals.col.p50"), ReferralsService.Outcome::daysP50, d -> Languages.decimal(d, locale));
        Grids.measure(grid, getTranslation("referrals.col.p90"), ReferralsService.Outcome::daysP90, d -> Languages.decimal(d, locale));
        grid.setItems(outcomes.stream().filter(o -> o.dimension().equals(dimension)).toList());
    }
}
