package id.slrt.dashboard.quality;

import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;

import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Region;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.layout.Charts;
import id.slrt.dashboard.layout.FilteredView;
import id.slrt.dashboard.layout.Grids;
import id.slrt.dashboard.layout.Kpi;
import id.slrt.dashboard.layout.MainLayout;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * Data quality: rows the ETL quarantined, by reason and district; visits without NIK and visitors not
 * in DTKS; districts that sent no export last month. SQL: {@link QualityService}.
 */
@PermitAll
@Route(value = "kualitas", layout = MainLayout.class)
public class QualityView extends FilteredView {

    private final QualityService service;
    private final Kpi quarantinedKpi = new Kpi("kpi-quarantined");
    private final Kpi withoutNikKpi = new Kpi("kpi-without-nik");
    private final Kpi notInDtksKpi = new Kpi("kpi-not-in-dtks");
    private final Kpi silentKpi = new Kpi("kpi-silent");
    private final Chart reasonChart = Charts.create("reason-chart", ChartType.BAR, "320px");
    private final Chart trendChart = Charts.create("quality-trend-chart", ChartType.LINE, "320px");
    private final Paragraph districtsTitle = new Paragraph();
    private final Paragraph silentTitle = new Paragraph();
    private final Grid<QualityService.District> districtGrid = Grids.grid("quality-grid");
    private final Grid<QualityService.Silent> silentGrid = Grids.grid("silent-grid");

    private List<QualityService.Reason> reasons = List.of();
    private List<QualityService.Month> trend = List.of();
    private List<QualityService.District> districts = List.of();
    private List<QualityService.Silent> silent = List.of();

    public QualityView(Warehouse warehouse, FilterService filterService, QualityService service) {
        super(warehouse, filterService, "quality.title", false);
        this.service = service;
        headings(districtsTitle, silentTitle);
        content.add(row(null, quarantinedKpi, withoutNikKpi, notInDtksKpi, silentKpi), row("26em", reasonChart, trendChart),
                silentTitle, silentGrid, districtsTitle, districtGrid);
    }

    @Override
    protected void load() {
        reasons = service.reasons(snapshot, filters);
        trend = service.trend(snapshot, filters);
        districts = service.districts(snapshot, filters);
        silent = service.silent(snapshot, filters, options.last());
    }

    @Override
    protected boolean hasData() {
        return !trend.isEmpty();
    }

    @Override
    protected void draw(Locale locale) {
        Charts.useLanguage(locale);
        long visits = trend.stream().mapToLong(QualityService.Month::visits).sum();
        long quarantined = reasons.stream().mapToLong(QualityService.Reason::rows).sum();
        long withoutNik = trend.stream().mapToLong(QualityService.Month::withoutNik).sum();
        long notInDtks = trend.stream().mapToLong(QualityService.Month::notInDtks).sum();
        quarantinedKpi.show(getTranslation("quality.kpi.quarantined"), Languages.integer(quarantined, locale),
                getTranslation("quality.kpi.quarantined.note", Languages.percent(share(quarantined, visits + quarantined), locale)));
        withoutNikKpi.show(getTranslation("quality.kpi.withoutNik"), Languages.percent(share(withoutNik, visits), locale),
                getTranslation("quality.kpi.visits", Languages.integer(withoutNik, locale)));
        notInDtksKpi.show(getTranslation("quality.kpi.notInDtks"), Languages.percent(share(notInDtks, visits), locale),
                getTranslation("quality.kpi.visits", Languages.integer(notInDtks, locale)));
        silentKpi.show(getTranslation("quality.kpi.silent", Languages.yearMonth(options.last(), locale)),
                Languages.integer(silent.size(), locale), getTranslation("quality.kpi.silent.note"));

        Configuration byReason = reasonChart.getConfiguration();
        byReason.setTitle(getTranslation("quality.chart.reasons"));
        byReason.getxAxis().setCategories(reasons.stream().map(r -> Languages.codeLabel(this, "reason.", r.code())).toArray(String[]::new));
        byReason.getyAxis().setTitle("");
        byReason.getLegend().setEnabled(false);
        byReason.setSeries(new ListSeries(getTranslation("quality.series.rows"),
                reasons.stream().map(QualityService.Reason::rows).toArray(Number[]::new)));
        reasonChart.drawChart(true);

        Configuration shares = trendChart.getConfiguration();
        shares.setTitle(getTranslation("quality.chart.trend", describe(locale)));
        shares.getxAxis().setCategories(trend.stream().map(m -> Languages.shortYearMonth(m.month(), locale)).toArray(String[]::new));
        shares.getyAxis().setTitle("%");
        shares.getyAxis().getLabels().setFormat("{value:.0f}%");
        shares.setSeries(
                new ListSeries(getTranslation("quality.series.withoutNik"), trend.stream()
                        .map(m -> percentage(m.withoutNik(), m.visits())).toArray(Number[]::new)),
                new ListSeries(getTranslation("quality.series.notInDtks"), trend.stream()
                        .map(m -> percentage(m.notInDtks(), m.visits())).toArray(Number[]::new)));
        trendChart.drawChart(true);

        silentTitle.setText(getTranslation(silent.isEmpty() ? "quality.silent.none" : "quality.silent.title",
                Languages.yearMonth(options.last(), locale)));
        silentGrid.removeAllColumns();
        Grids.text(silentGrid, getTranslation("quality.col.district"), s -> new Region(s.code(), s.type(), s.name(), null).labelWithCode());
        Grids.text(silentGrid, getTranslation("quality.col.lastExport"), s -> Languages.yearMonth(s.lastActive(), locale))
                .setComparator(QualityService.Silent::lastActive);
        silentGrid.setItems(silent);
        silentGrid.setVisible(!silent.isEmpty());

        districtsTitle.setText(getTranslation("quality.districts.title"));
        districtGrid.removeAllColumns();
        Grids.text(districtGrid, getTranslation("quality.col.district"), d -> new Region(d.code(), d.type(), d.name(), null).labelWithCode());
        Grids.number(districtGrid, getTranslation("quality.col.visits"), QualityService.District::visits, n -> Languages.integer(n, locale));
        Grids.number(districtGrid, getTranslation("quality.col.quarantined"), QualityService.District::quarantined, n -> Languages.integer(n, locale));
        Grids.measure(districtGrid, getTranslation("quality.col.withoutNik"), QualityService.District::withoutNikShare, r -> Languages.percent(r, locale));
        Grids.measure(districtGrid, getTranslation("quality.col.notInDtks"), QualityService.District::notInDtksShare, r -> Languages.percent(r, locale));
        districtGrid.setItems(districts);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : part / (double) whole;
    }

    private static Number percentage(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }
}
