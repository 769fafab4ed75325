package id.slrt.dashboard.quality;

import jakarta.annotation.security.PermitAll;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.Locale;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;

import id.slrt.dashboard.disclosure.Disclosure;
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

    private final Disclosure disclosure;
    private final id.slrt.dashboard.annotations.AnnotationsService annotationsService;
    private final id.slrt.dashboard.annotations.AnnotationNotes notes = new id.slrt.dashboard.annotations.AnnotationNotes("quality-annotations");
    private List<id.slrt.dashboard.annotations.Annotation> annotations = List.of();

    public QualityView(Warehouse warehouse, FilterService filterService, QualityService service, Disclosure disclosure,
                       id.slrt.dashboard.annotations.AnnotationsService annotationsService) {
        super(warehouse, filterService, "quality.title", false);
        this.disclosure = disclosure;
        this.service = service;
        this.annotationsService = annotationsService;
        headings(districtsTitle, silentTitle);
        content.add(row(null, quarantinedKpi, withoutNikKpi, notInDtksKpi, silentKpi), row("26em", reasonChart, trendChart), notes,
                silentTitle, silentGrid, districtsTitle, districtGrid);
    }

    @Override
    protected void load() {
        reasons = service.reasons(snapshot, filters);
        trend = service.trend(snapshot, filters);
        districts = service.districts(snapshot, filters);
        silent = service.silent(snapshot, filters, options.last());
        annotations = annotationsService.forRegion(filters);
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
        // One answer for the screen: the cards are the sums of the reasons, of the districts and of the
        // months; a share over a hidden count is hidden with it (share * visits would give it back).
        Disclosure.Table table = disclosure.table();
        Disclosure.Count allVisits = table.count(visits);
        Disclosure.Count allQuarantined = table.count(quarantined);
        Disclosure.Count allWithoutNik = table.count(withoutNik);
        Disclosure.Count allNotInDtks = table.count(notInDtks);
        List<Disclosure.Count> reasonCounts = reasons.stream().map(r -> table.count(r.rows())).toList();
        table.sum(allQuarantined, reasonCounts);
        Map<QualityService.District, Disclosure.Count[]> byDistrict = new IdentityHashMap<>();
        districts.forEach(d -> byDistrict.put(d, new Disclosure.Count[] {table.count(d.visits()), table.count(d.quarantined()),
                table.count(d.withoutNik()), table.count(d.notInDtks())}));
        List<Disclosure.Count[]> byMonth = trend.stream().map(m -> new Disclosure.Count[] {table.count(m.visits()),
                table.count(m.withoutNik()), table.count(m.notInDtks())}).toList();
        table.sum(allVisits, byMonth.stream().map(c -> c[0]).toList())
                .sum(allWithoutNik, byMonth.stream().map(c -> c[1]).toList())
                .sum(allNotInDtks, byMonth.stream().map(c -> c[2]).toList());
        if (filters.district() == null) {
            table.sum(allVisits, byDistrict.values().stream().map(c -> c[0]).toList())
                    .sum(allQuarantined, byDistrict.values().stream().map(c -> c[1]).toList());
        }
        table.disclose();
        LongFunction<String> integer = n -> Languages.integer(n, locale);
        quarantinedKpi.show(getTranslation("quality.kpi.quarantined"), allQuarantined.text(integer),
                getTranslation("quality.kpi.quarantined.note", Languages.percent(
                        table.measure(share(quarantined, visits + quarantined), allQuarantined, allVisits).shown(), locale)));
        withoutNikKpi.show(getTranslation("quality.kpi.withoutNik"),
                Languages.percent(table.measure(share(withoutNik, visits), allWithoutNik, allVisits).shown(), locale),
                getTranslation("quality.kpi.visits", allWithoutNik.text(integer)));
        notInDtksKpi.show(getTranslation("quality.kpi.notInDtks"),
                Languages.percent(table.measure(share(notInDtks, visits), allNotInDtks, allVisits).shown(), locale),
                getTranslation("quality.kpi.visits", allNotInDtks.text(integer)));
        silentKpi.show(getTranslation("quality.kpi.silent", Languages.yearMonth(options.last(), locale)),
                Languages.integer(silent.size(), locale), getTranslation("quality.kpi.silent.note"));

        Configuration byReason = reasonChart.getConfiguration();
        byReason.setTitle(getTranslation("quality.chart.reasons"));
        byReason.getxAxis().setCategories(reasons.stream().map(r -> Languages.codeLabel(this, "reason.", r.code())).toArray(String[]::new));
        byReason.getyAxis().setTitle("");
        byReason.getLegend().setEnabled(false);
        byReason.setSeries(new ListSeries(getTranslation("quality.series.rows"),
                Charts.values(reasonCounts)));
        reasonChart.drawChart(true);

        Configuration shares = trendChart.getConfiguration();
        shares.setTitle(getTranslation("quality.chart.trend", describe(locale)));
        shares.getxAxis().setCategories(trend.stream().map(m -> Languages.shortYearMonth(m.month(), locale)).toArray(String[]::new));
        shares.getyAxis().setTitle("%");
        shares.getyAxis().getLabels().setFormat("{value:.0f}%");
        Number[] withoutNikShares = new Number[trend.size()];
        Number[] notInDtksShares = new Number[trend.size()];
        for (int i = 0; i < trend.size(); i++) {
            QualityService.Month m = trend.get(i);
            Disclosure.Count[] c = byMonth.get(i);
            withoutNikShares[i] = c[0].hidden() || c[1].hidden() ? null : percentage(m.withoutNik(), m.visits());
            notInDtksShares[i] = c[0].hidden() || c[2].hidden() ? null : percentage(m.notInDtks(), m.visits());
        }
        shares.setSeries(new ListSeries(getTranslation("quality.series.withoutNik"), withoutNikShares),
                new ListSeries(getTranslation("quality.series.notInDtks"), notInDtksShares));
        notes.list(annotations, filters.from(), filters.to(), this::regionLabel, locale);
        notes.mark(trendChart, trend.stream().map(m -> m.month()).toList());
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
        Grids.count(districtGrid, getTranslation("quality.col.visits"), d -> byDistrict.get(d)[0], integer);
        Grids.count(districtGrid, getTranslation("quality.col.quarantined"), d -> byDistrict.get(d)[1], integer);
        Grids.measure(districtGrid, getTranslation("quality.col.withoutNik"),
                d -> table.measure(d.withoutNikShare(), byDistrict.get(d)[2], byDistrict.get(d)[0]).shown(), r -> Languages.percent(r, locale));
        Grids.measure(districtGrid, getTranslation("quality.col.notInDtks"),
                d -> table.measure(d.notInDtksShare(), byDistrict.get(d)[3], byDistrict.get(d)[0]).shown(), r -> Languages.percent(r, locale));
        districtGrid.setItems(districts);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : part / (double) whole;
    }

    private static Number percentage(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }
}
