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

    /** ColorBrewer schemes that colour-blind readers can tell apart. */
    static final String[] GOOD_HIGH = {"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"};
    static final String[] BAD_HIGH = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};
    static final String[] DIVERGING = {"#a6611a", "#dfc27d", "#f5f5f5", "#80cdc1", "#018571"};
    static final String NO_VALUE = "#ced4da";
    static final String OUT_OF_SCOPE = "#f1f3f5";
    /** Change on last year: fixed classes around zero. */
    static final double[] CHANGE_BREAKS = {-0.2, -0.05, 0.05, 0.2};

    private final MapService service;
    private final Outlines outlines;
    private final Select<MapMeasure> measurePicker = new Select<>();
    private final Paragraph summary = new Paragraph();
    private final Div map = new Div();
    private final Div legend = new Div();
    private final Paragraph source = new Paragraph();
    private final Grid<Shown> table = Grids.grid("map-table");
    private MapMeasure measure = MapMeasure.VISITS_PER_1000_POOR;
    private boolean districtsLevel;
    private Map<String, MapService.RegionValue> values = Map.of();
    private boolean filling;

    /** A region as drawn: its name, its value's text, its colour. */
    public record Shown(String code, String name, Double value, String text, String colour) {
    }

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
        content.add(measurePicker, summary, row("30em", map, table), legend, source);
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
        boolean byDistrict = districtsLevel || province != null;
        Outlines.View view = outlines.view(province, byDistrict);
        double[] breaks = breaks();
        String[] palette = measure.diverging() ? DIVERGING : measure.higherIsWorse() ? BAD_HIGH : GOOD_HIGH;
        RegionScope scope = RegionScope.current();
        List<Shown> shown = new ArrayList<>();
        StringBuilder svg = new StringBuilder("<div><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"")
                .append(view.viewBox()).append("\" role=\"group\" aria-label=\"").append(xml(getTranslation("map.aria",
                        getTranslation("map.measure." + measure.code()), describe(locale)))).append("\" style=\"width:100%;height:auto\">")
                .append("<defs><pattern id=\"no-activity\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\"")
                .append(" patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"#ffffff\"/>")
                .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#adb5bd\" stroke-width=\"1.5\"/></pattern></defs>");
        double stroke = view.width() / 1500;
        for (Map.Entry<String, String> region : view.paths().entrySet()) {
            String code = region.getKey();
            String name = regionName(code, view.names().get(code));
            MapService.RegionValue v = values.get(code);
            boolean inScope = scope.seesAll() || scope.region() == null || code.startsWith(scope.region())
                    || (code.length() == 2 && scope.region().startsWith(code));
            String fill;
            String text;
            if (!inScope) {
                fill = OUT_OF_SCOPE;
                text = null; // a neighbour's outline and name only: its numbers are not the user's
            } else if (v == null || !v.active()) {
                fill = "url(#no-activity)";
                text = getTranslation("map.noActivity");
            } else if (v.value() == null) {
                fill = NO_VALUE;
                text = getTranslation("map.hidden");
            } else {
                fill = palette[colourClass(v.value(), breaks)];
                text = format(v.value(), locale);
            }
            String label = text == null ? name : name + ": " + text;
            String href = !inScope ? null : code.length() == 2
                    ? "peta?" + query(filters.withProvince(code)) : "kabupaten?" + Filters.DISTRICT + "=" + code + "&"
                    + MonthlyVisitsView.YEAR_PARAM + "=" + filters.to().getYear();
            if (href != null) {
                svg.append("<a href=\"").append(xml(href)).append("\" aria-label=\"").append(xml(label)).append("\">");
            }
            svg.append("<path class=\"region\" data-code=\"").append(code).append("\" fill=\"").append(fill)
                    .append("\" fill-rule=\"evenodd\" stroke=\"#495057\" stroke-width=\"").append(String.format(Locale.ROOT, "%.2f", stroke))
                    .append("\" d=\"").append(region.getValue()).append("\"><title>").append(xml(label)).append("</title></path>");
            if (href != null) {
                svg.append("</a>");
            }
            if (inScope) {
                shown.add(new Shown(code, name, v == null || !v.active() ? null : v.value(), text, fill));
            }
        }
        svg.append("</svg></div>");
        map.removeAll();
        map.add(new Html(svg.toString()));

        summary.setText(getTranslation("map.summary", getTranslation("map.measure." + measure.code()), describe(locale)));
        drawLegend(breaks, palette, locale);
        source.setText(getTranslation("map.source", snapshot.name()) + " " + Outlines.ATTRIBUTION + ".");

        table.removeAllColumns();
        Grids.text(table, getTranslation("map.col.region"), Shown::name).setComparator(Shown::name);
        Grids.text(table, getTranslation("map.measure." + measure.code()), s -> s.text() == null ? "–" : s.text())
                .setComparator(s -> s.value() == null ? Double.NEGATIVE_INFINITY : s.value());
        table.setItems(shown);
    }

    /** "DI Yogyakarta", "Kab. Sleman": the filter bar's label, else the outline's official name. */
    private String regionName(String code, String official) {
        String label = options.label(code);
        return label == null || label.equals(code) ? official : label;
    }

    private String query(Filters next) {
        Map<String, List<String>> params = new HashMap<>(own(next.toQuery()).getParameters());
        params.remove(LEVEL_PARAM);
        return QueryParameters.full(params.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().toArray(String[]::new)))).getQueryString();
    }

    /** Four breaks: fixed around zero for a change, else the quintiles of the values on the map. */
    private double[] breaks() {
        if (measure == MapMeasure.CHANGE) {
            return CHANGE_BREAKS;
        }
        List<Double> sorted = values.values().stream().filter(v -> v.active() && v.value() != null)
                .map(MapService.RegionValue::value).sorted().toList();
        double[] breaks = new double[4];
        for (int i = 0; i < 4; i++) {
            breaks[i] = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(sorted.size() * (i + 1) / 5.0)));
        }
        return breaks;
    }

    static int colourClass(double value, double[] breaks) {
        int c = 0;
        while (c < breaks.length && value >= breaks[c]) {
            c++;
        }
        return c;
    }

    private void drawLegend(double[] breaks, String[] palette, Locale locale) {
        legend.removeAll();
        legend.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)")
                .set("font-size", "var(--lumo-font-size-s)");
        for (int c = 0; c < palette.length; c++) {
            String range = c == 0 ? "< " + format(breaks[0], locale)
                    : c == palette.length - 1 ? "≥ " + format(breaks[c - 1], locale)
                    : format(breaks[c - 1], locale) + " – " + format(breaks[c], locale);
            legend.add(swatch(palette[c], range));
        }
        legend.add(swatch("repeating-linear-gradient(45deg,#fff,#fff 2px,#adb5bd 2px,#adb5bd 3px)", getTranslation("map.noActivity")));
        legend.add(swatch(NO_VALUE, getTranslation("map.hidden")));
    }

    private static Div swatch(String colour, String text) {
        Div box = new Div();
        box.getStyle().set("width", "1.2em").set("height", "1em").set("background", colour).set("border", "1px solid #495057")
                .set("display", "inline-block").set("margin-right", "0.3em").set("vertical-align", "middle");
        Div item = new Div(box, new com.vaadin.flow.component.html.Span(text));
        item.addClassName("legend-item");
        return item;
    }

    private String format(double value, Locale locale) {
        return switch (measure) {
            case VISITS_PER_1000_POOR -> Languages.decimal(value, locale);
            case COMPLETION_RATE -> Languages.percent(value, locale);
            case CHANGE -> (value >= 0 ? "+" : "") + Languages.percent(value, locale);
            case OPEN_OVER_90_DAYS, ALERTS -> Languages.integer(Math.round(value), locale);
        };
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
