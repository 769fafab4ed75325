package id.slrt.dashboard.map;

import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.layout.FilteredView;
import id.slrt.dashboard.layout.Grids;
import id.slrt.dashboard.layout.MainLayout;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.visits.MonthlyVisitsView;
import id.slrt.dashboard.map.MapDrawing.Shown;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * Peta (map): provinces, or a province's districts, coloured by a measure ({@code ?ukuran=}), drawn as
 * SVG from the outlines in the jar (no tiles, no network, no licence). Each region is a link: a province
 * opens its districts, a district its page; keyboard users tab through them. The table beside the map holds
 * the same numbers. Numbers: {@link MapService}; outlines: {@link Outlines}.
 */
@PermitAll
@Route(value = "peta", layout = MainLayout.class)
public class MapView extends FilteredView {

    public static final String MEASURE_PARAM = "ukuran";
    /** At the national level: {@code kabupaten} draws every district instead of the provinces. */
    public static final String LEVEL_PARAM = "tingkat";
    public static final String DISTRICTS = "kabupaten";


    private final MapService service;
    private final Outlines outlines;
    private final Select<MapMeasure> measurePicker = new Select<>();
    private final Paragraph summary = new Paragraph();
    private final Div map = new Div();
    private final Div legend = new Div();
    private final Paragraph source = new Paragraph();
    private final Grid<Shown> table = Grids.grid("map-table");
    private final com.vaadin.flow.component.html.Anchor download = new com.vaadin.flow.component.html.Anchor();
    private MapMeasure measure = MapMeasure.VISITS_PER_1000_POOR;
    private boolean districtsLevel;
    private Map<String, MapService.RegionValue> values = Map.of();
    private boolean filling;


    /** The disclosure policy is applied in {@link MapService}: the view gets only values it may show. */
    public MapView(Warehouse warehouse, FilterService filterService, MapService service, Outlines outlines) {
        super(warehouse, filterService, "map.title", true);
        this.service = service;
        this.outlines = outlines;
        measurePicker.setId("map-measure");
        measurePicker.setItems(MapMeasure.values());
        measurePicker.addValueChangeListener(e -> {
            if (!filling && e.isFromClient() && e.getValue() != null) {
                measure = e.getValue();
                navigate(filters);
            }
        });
        summary.setId("map-summary");
        map.setId("map");
        map.setWidthFull();
        map.getStyle().set("max-width", "60em");
        legend.setId("map-legend");
        source.setId("map-source");
        source.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        table.setAllRowsVisible(false);
        table.setHeight("28em");
        download.setId("map-download");
        // A file to save, not a page to open.
        download.getElement().setAttribute("download", true);
        download.getElement().setAttribute("router-ignore", true);
        content.add(measurePicker, summary, row("30em", map, table), legend, source, download);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var query = event.getLocation().getQueryParameters();
        measure = query.getSingleParameter(MEASURE_PARAM).flatMap(MapMeasure::of).orElse(MapMeasure.VISITS_PER_1000_POOR);
        districtsLevel = query.getSingleParameter(LEVEL_PARAM).filter(DISTRICTS::equals).isPresent();
        super.beforeEnter(event);
    }

    @Override
    protected void load() {
        values = service.values(snapshot, filters, measure, districtsLevel, options.last());
    }

    @Override
    protected boolean hasData() {
        return true; // a region without activity is drawn as such: the map itself says it
    }

    @Override
    protected QueryParameters own(QueryParameters filterQuery) {
        Map<String, List<String>> params = new HashMap<>(filterQuery.getParameters());
        params.put(MEASURE_PARAM, List.of(measure.code()));
        if (districtsLevel) {
            params.put(LEVEL_PARAM, List.of(DISTRICTS));
        }
        return new QueryParameters(params);
    }

    @Override
    protected void draw(Locale locale) {
        filling = true;
        measurePicker.setLabel(getTranslation("map.measure"));
        measurePicker.setItemLabelGenerator(m -> getTranslation("map.measure." + m.code()));
        measurePicker.setValue(measure);
        filling = false;

        String province = filters.province();
        Outlines.View view = outlines.view(province, districtsLevel || province != null);
        String measureName = getTranslation("map.measure." + measure.code());
        MapDrawing.Drawn drawn = MapDrawing.draw(view, values, measure, RegionScope.current(),
                code -> MapDrawing.regionName(options, view, code), this::link,
                this::getTranslation, getTranslation("map.aria", measureName, describe(locale)), null, locale);
        map.removeAll();
        map.add(new Html("<div>" + drawn.svg() + "</div>"));

        summary.setText(getTranslation("map.summary", measureName, describe(locale)));
        drawLegend(drawn, locale);
        source.setText(getTranslation("map.source", snapshot.name()) + " " + Outlines.ATTRIBUTION + ".");
        download.setHref("peta/unduh?" + query(filters) + "&bahasa=" + (Languages.isIndonesian(locale) ? "id" : "en"));
        download.setText(getTranslation("map.download"));

        table.removeAllColumns();
        Grids.text(table, getTranslation("map.col.region"), Shown::name).setComparator(Shown::name);
        Grids.text(table, measureName, s -> s.text() == null ? "–" : s.text())
                .setComparator(s -> s.value() == null ? Double.NEGATIVE_INFINITY : s.value());
        table.setItems(drawn.shown());
    }

    /** A province opens its districts on this screen; a district its page, at the period's year. */
    private String link(String code) {
        return code.length() == 2 ? "peta?" + query(filters.withProvince(code))
                : "kabupaten?" + Filters.DISTRICT + "=" + code + "&" + MonthlyVisitsView.YEAR_PARAM + "=" + filters.to().getYear();
    }

    private String query(Filters next) {
        Map<String, List<String>> params = new HashMap<>(own(next.toQuery()).getParameters());
        if (next.province() != null) {
            params.remove(LEVEL_PARAM);
        }
        return QueryParameters.full(params.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().toArray(String[]::new)))).getQueryString();
    }

    private void drawLegend(MapDrawing.Drawn drawn, Locale locale) {
        legend.removeAll();
        legend.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)")
                .set("font-size", "var(--lumo-font-size-s)");
        List<String> ranges = MapDrawing.ranges(drawn, measure, locale);
        for (int c = 0; c < ranges.size(); c++) {
            legend.add(swatch(drawn.palette()[c], ranges.get(c)));
        }
        legend.add(swatch("repeating-linear-gradient(45deg,#fff,#fff 2px,#adb5bd 2px,#adb5bd 3px)", getTranslation("map.noActivity")));
        legend.add(swatch(MapDrawing.NO_VALUE, getTranslation("map.hidden")));
    }

    private static Div swatch(String colour, String text) {
        Div box = new Div();
        box.getStyle().set("width", "1.2em").set("height", "1em").set("background", colour).set("border", "1px solid #495057")
                .set("display", "inline-block").set("margin-right", "0.3em").set("vertical-align", "middle");
        Div item = new Div(box, new com.vaadin.flow.component.html.Span(text));
        item.addClassName("legend-item");
        return item;
    }
}
