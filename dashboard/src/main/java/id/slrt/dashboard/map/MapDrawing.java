package id.slrt.dashboard.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.security.RegionScope;

/**
 * A map as SVG text, for the map screen, the national page's panel and the downloads: each region a path
 * with its code ({@code data-code}), its colour, a title (name, and value when in scope) and, when in
 * scope, a link. Colours: ColorBrewer schemes colour-blind readers can tell apart, in five classes; "no
 * SLRT activity" hatched, a value hidden by the disclosure policy grey, a region out of the user's scope
 * pale with no value and no link.
 */
public final class MapDrawing {

    static final String[] GOOD_HIGH = {"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"};
    static final String[] BAD_HIGH = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};
    static final String[] DIVERGING = {"#a6611a", "#dfc27d", "#f5f5f5", "#80cdc1", "#018571"};
    static final String NO_VALUE = "#ced4da";
    static final String OUT_OF_SCOPE = "#f1f3f5";
    static final String NO_ACTIVITY = "url(#no-activity)";
    /** Change on last year: fixed classes around zero. */
    static final double[] CHANGE_BREAKS = {-0.2, -0.05, 0.05, 0.2};

    /** A region as drawn: its name, its value and text (null out of scope), its colour. */
    public record Shown(String code, String name, Double value, String text, String colour) {
    }

    /** One region's outline (SVG path data, map units) and colour, for drawing elsewhere (the report's PDF). */
    public record Area(String code, String fill, String path) {
    }

    /** The SVG, the regions in scope as drawn (the table's rows), the classes for the legend, every area. */
    public record Drawn(String svg, List<Shown> shown, double[] breaks, String[] palette, List<Area> areas) {
    }

    private MapDrawing() {
    }

    /**
     * @param names       a region's name by code
     * @param links       a region's link (in scope only), or null for none
     * @param translation message key to text (map.noActivity, map.hidden)
     * @param footer      text drawn under the map (source and attribution, for downloads), or null
     */
    public static Drawn draw(Outlines.View view, Map<String, MapService.RegionValue> values, MapMeasure measure,
                             RegionScope scope, Function<String, String> names, Function<String, String> links,
                             UnaryOperator<String> translation, String ariaLabel, String footer, Locale locale) {
        double[] breaks = breaks(values, measure);
        String[] palette = measure.diverging() ? DIVERGING : measure.higherIsWorse() ? BAD_HIGH : GOOD_HIGH;
        double footerHeight = footer == null ? 0 : view.height() * 0.05;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"")
                .append(String.format(Locale.ROOT, "%.1f %.1f %.1f %.1f", view.x(), view.y(), view.width(),
                        view.height() + footerHeight))
                .append("\" role=\"group\" aria-label=\"").append(xml(ariaLabel)).append("\" style=\"width:100%;height:auto\">")
                .append("<defs><pattern id=\"no-activity\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\"")
                .append(" patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"#ffffff\"/>")
                .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#adb5bd\" stroke-width=\"1.5\"/></pattern></defs>");
        String stroke = String.format(Locale.ROOT, "%.2f", view.width() / 1500);
        List<Shown> shown = new ArrayList<>();
        List<Area> areas = new ArrayList<>();
        for (Map.Entry<String, String> region : view.paths().entrySet()) {
            String code = region.getKey();
            String name = names.apply(code);
            MapService.RegionValue v = values.get(code);
            boolean inScope = inScope(scope, code);
            String fill;
            String text;
            if (!inScope) {
                fill = OUT_OF_SCOPE;
                text = null; // a neighbour's outline and name only: its numbers are not the user's
            } else if (v == null || !v.active()) {
                fill = NO_ACTIVITY;
                text = translation.apply("map.noActivity");
            } else if (v.value() == null) {
                fill = NO_VALUE;
                text = translation.apply("map.hidden");
            } else {
                fill = palette[colourClass(v.value(), breaks)];
                text = format(measure, v.value(), locale);
            }
            String label = text == null ? name : name + ": " + text;
            String href = inScope ? links.apply(code) : null;
            if (href != null) {
                svg.append("<a href=\"").append(xml(href)).append("\" aria-label=\"").append(xml(label)).append("\">");
            }
            svg.append("<path class=\"region\" data-code=\"").append(code).append("\" fill=\"").append(fill)
                    .append("\" fill-rule=\"evenodd\" stroke=\"#495057\" stroke-width=\"").append(stroke)
                    .append("\" d=\"").append(region.getValue()).append("\"><title>").append(xml(label)).append("</title></path>");
            if (href != null) {
                svg.append("</a>");
            }
            areas.add(new Area(code, fill, region.getValue()));
            if (inScope) {
                shown.add(new Shown(code, name, v == null || !v.active() ? null : v.value(), text, fill));
            }
        }
        if (footer != null) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" fill=\"#495057\">",
                    view.x() + view.width() * 0.01, view.y() + view.height() + footerHeight * 0.7, footerHeight * 0.5))
                    .append(xml(footer)).append("</text>");
        }
        svg.append("</svg>");
        return new Drawn(svg.toString(), shown, breaks, palette, List.copyOf(areas));
    }

    /** "DI Yogyakarta", "Kab. Sleman": the filter bar's label when it has one, else the outline's name. */
    public static String regionName(id.slrt.dashboard.filters.FilterOptions options, Outlines.View view, String code) {
        String label = options.label(code);
        return label == null || label.equals(code) ? view.names().get(code) : label;
    }

    /** The five colour classes' ranges as the legends write them: "< 2,5", "2,5 – 4,0", ..., "≥ 9,1". */
    public static List<String> ranges(Drawn drawn, MapMeasure measure, Locale locale) {
        double[] b = drawn.breaks();
        List<String> ranges = new ArrayList<>();
        for (int c = 0; c < drawn.palette().length; c++) {
            ranges.add(c == 0 ? "< " + format(measure, b[0], locale)
                    : c == drawn.palette().length - 1 ? "≥ " + format(measure, b[c - 1], locale)
                    : format(measure, b[c - 1], locale) + " – " + format(measure, b[c], locale));
        }
        return ranges;
    }

    static boolean inScope(RegionScope scope, String code) {
        return scope.seesAll() || scope.region() == null || code.startsWith(scope.region())
                || (code.length() == 2 && scope.region().startsWith(code));
    }

    /** Four breaks: fixed around zero for a change, else the quintiles of the values on the map. */
    static double[] breaks(Map<String, MapService.RegionValue> values, MapMeasure measure) {
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

    /** A value as the legend, the table and the titles show it: Indonesian or English number format. */
    public static String format(MapMeasure measure, double value, Locale locale) {
        return switch (measure) {
            case VISITS_PER_1000_POOR -> Languages.decimal(value, locale);
            case COMPLETION_RATE, WITHIN_SLA -> Languages.percent(value, locale);
            case CHANGE -> (value >= 0 ? "+" : "") + Languages.percent(value, locale);
            case OPEN_OVER_90_DAYS, ALERTS -> Languages.integer(Math.round(value), locale);
        };
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
