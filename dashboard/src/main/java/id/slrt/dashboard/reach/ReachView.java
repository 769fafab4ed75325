package id.slrt.dashboard.reach;

import jakarta.annotation.security.PermitAll;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Locale;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.DataSeries;
import com.vaadin.flow.component.charts.model.DataSeriesItem;
import com.vaadin.flow.component.charts.model.style.SolidColor;
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
import id.slrt.dashboard.layout.MainLayout;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * For planners: people served per 1,000 poor residents per district in the year the period ends,
 * against the district's poverty rate; districts with high poverty and low reach are flagged.
 * Poverty: BPS (cited on screen). SQL: {@link ReachService}.
 */
@PermitAll
@Route(value = "jangkauan", layout = MainLayout.class)
public class ReachView extends FilteredView {

    static final SolidColor FLAG_COLOUR = new SolidColor("#e03131");

    private final ReachService service;
    private final Paragraph summary = new Paragraph();
    private final Chart chart = Charts.create("reach-chart", ChartType.SCATTER, "360px");
    private final Grid<ReachService.Reach> grid = Grids.grid("reach-grid");
    private final Paragraph source = new Paragraph();
    private List<ReachService.Reach> reach = List.of();

    private final Disclosure disclosure;

    public ReachView(Warehouse warehouse, FilterService filterService, ReachService service, Disclosure disclosure) {
        super(warehouse, filterService, "reach.title", false);
        this.service = service;
        this.disclosure = disclosure;
        summary.setId("reach-summary");
        source.setId("reach-source");
        source.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        content.add(summary, chart, grid, source);
    }

    @Override
    protected void load() {
        reach = service.reach(snapshot, filters, filters.to().getYear());
    }

    @Override
    protected boolean hasData() {
        return !reach.isEmpty();
    }

    @Override
    protected void draw(Locale locale) {
        Charts.useLanguage(locale);
        int year = filters.to().getYear();
        long flagged = reach.stream().filter(ReachService.Reach::flagged).count();
        summary.setText(getTranslation("reach.summary", String.valueOf(year), Languages.integer(reach.size(), locale),
                Languages.integer(flagged, locale)));

        // People served are people: few in a district are hidden, and their reach per 1,000 poor with them
        // (times the poor population, a public BPS figure, it gives them back).
        Disclosure.Table table = disclosure.table();
        Map<ReachService.Reach, Disclosure.Count> people = new IdentityHashMap<>();
        reach.forEach(r -> people.put(r, table.count(r.people())));
        table.disclose();
        Function<ReachService.Reach, Double> perThousand = r -> table.measure(r.perThousandPoor(), people.get(r)).shown();

        Configuration conf = chart.getConfiguration();
        conf.setTitle(getTranslation("reach.chart.title", String.valueOf(year)));
        conf.getxAxis().setTitle(getTranslation("reach.col.povertyRate"));
        conf.getyAxis().setTitle(getTranslation("reach.col.perThousand"));
        conf.getTooltip().setShared(false);
        conf.getTooltip().setPointFormat("{point.name}: {point.x:,.1f}% · {point.y:,.1f}");
        conf.getLegend().setEnabled(false);
        DataSeries points = new DataSeries(getTranslation("reach.series"));
        for (ReachService.Reach r : reach) {
            if (perThousand.apply(r) == null) {
                continue;
            }
            DataSeriesItem item = new DataSeriesItem(r.povertyRate(), perThousand.apply(r));
            item.setName(new Region(r.code(), r.type(), r.name(), null).label());
            if (r.flagged()) {
                item.setColor(FLAG_COLOUR);
            }
            points.add(item);
        }
        conf.setSeries(points);
        chart.drawChart(true);

        grid.removeAllColumns();
        Grids.text(grid, getTranslation("reach.col.district"), r -> new Region(r.code(), r.type(), r.name(), null).labelWithCode());
        Grids.count(grid, getTranslation("reach.col.people"), people::get, n -> Languages.integer(n, locale));
        Grids.number(grid, getTranslation("reach.col.poor"), ReachService.Reach::poor, n -> Languages.integer(n, locale));
        Grids.measure(grid, getTranslation("reach.col.povertyRate"), r -> r.povertyRate() / 100, r -> Languages.percent(r, locale));
        Grids.measure(grid, getTranslation("reach.col.perThousand"), perThousand, d -> Languages.decimal(d, locale));
        Grids.text(grid, getTranslation("reach.col.flag"), r -> r.flagged() ? getTranslation("reach.flagged") : "");
        grid.setItems(reach);
        grid.setPartNameGenerator(r -> r.flagged() ? "flagged" : null);

        source.setText(getTranslation("reach.source", reach.getFirst().referencePeriod()));
    }
}
