package id.slrt.dashboard.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The outlines of the 38 provinces and 514 districts (data/reference/boundaries, packaged into the jar as
 * {@code /boundaries/*.geojson.gz}: no tile server, no network), projected once to map units and
 * simplified once per view (the nation, or one province's districts) for the size it is drawn at, so the
 * national district map stays small on the wire. Attribution: {@link #ATTRIBUTION}.
 */
@Component
public class Outlines {

    public static final String ATTRIBUTION = "Batas wilayah: cahyadsn/wilayah_boundaries, MIT";
    /** Map units per degree; Indonesia (95°E–141°E, 6°N–11°S) is about 930 × 350 units. */
    static final double SCALE = 20;
    static final double WEST = 94.5;
    static final double NORTH = 6.5;
    /** Simplification tolerance as a share of the view's larger side: about a pixel at 1,000 pixels. */
    static final double TOLERANCE = 0.001;

    /** One region: its code, its official name, its rings (x0, y0, x1, y1, ... in map units). */
    record Shape(String code, String name, List<double[]> rings) {
    }

    /** A view ready to draw: the box and each region's SVG path, simplified for it. */
    public record View(double x, double y, double width, double height, Map<String, String> paths,
                       Map<String, String> names) {
        public String viewBox() {
            return String.format(Locale.ROOT, "%.1f %.1f %.1f %.1f", x, y, width, height);
        }
    }

    private volatile Map<String, Shape> provinces;
    private volatile Map<String, Shape> districts;
    private final Map<String, View> views = new ConcurrentHashMap<>();

    /** The provinces of the nation ({@code province} null) or the districts of one province, or of the nation. */
    public View view(String province, boolean districtsLevel) {
        String key = (districtsLevel ? "districts:" : "provinces:") + (province == null ? "" : province);
        return views.computeIfAbsent(key, k -> {
            loaded();
            List<Shape> shapes = new ArrayList<>();
            (districtsLevel ? districts : provinces).values().stream()
                    .filter(s -> province == null || s.code().startsWith(province)).forEach(shapes::add);
            return draw(shapes);
        });
    }

    private void loaded() {
        if (districts == null) {
            synchronized (this) {
                if (districts == null) {
                    provinces = read("/boundaries/provinces.geojson.gz");
                    districts = read("/boundaries/districts.geojson.gz");
                }
            }
        }
    }

    private static Map<String, Shape> read(String resource) {
        try (InputStream in = Outlines.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the outlines " + resource + " are not on the class path");
            }
            JsonNode root = new ObjectMapper().readTree(new GZIPInputStream(in));
            Map<String, Shape> shapes = new LinkedHashMap<>();
            for (JsonNode feature : root.get("features")) {
                List<double[]> rings = new ArrayList<>();
                JsonNode geometry = feature.get("geometry");
                JsonNode polygons = geometry.get("type").asString().equals("Polygon")
                        ? new ObjectMapper().createArrayNode().add(geometry.get("coordinates")) : geometry.get("coordinates");
                for (JsonNode polygon : polygons) {
                    for (JsonNode ring : polygon) {
                        double[] xy = new double[ring.size() * 2];
                        for (int i = 0; i < ring.size(); i++) {
                            xy[2 * i] = (ring.get(i).get(0).asDouble() - WEST) * SCALE;
                            xy[2 * i + 1] = (NORTH - ring.get(i).get(1).asDouble()) * SCALE;
                        }
                        rings.add(xy);
                    }
                }
                String code = feature.get("properties").get("code").asString();
                String name = feature.get("properties").get("name").asString();
                // "Kabupaten Aceh Tenggara" as the screens write it elsewhere: "Kab. Aceh Tenggara".
                name = name.startsWith("Kabupaten ") ? "Kab. " + name.substring("Kabupaten ".length()) : name;
                shapes.put(code, new Shape(code, name, rings));
            }
            return shapes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shapes' box, and each shape simplified to about a thousandth of the box's larger side. */
    static View draw(List<Shape> shapes) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Shape s : shapes) {
            for (double[] ring : s.rings()) {
                for (int i = 0; i < ring.length; i += 2) {
                    minX = Math.min(minX, ring[i]);
                    maxX = Math.max(maxX, ring[i]);
                    minY = Math.min(minY, ring[i + 1]);
                    maxY = Math.max(maxY, ring[i + 1]);
                }
            }
        }
        double side = Math.max(maxX - minX, maxY - minY);
        double tolerance = side * TOLERANCE;
        // Coordinates to a precision a tenth of the tolerance: invisible, and short.
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(tolerance / 10)));
        Map<String, String> paths = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Shape s : shapes) {
            paths.put(s.code(), path(s, tolerance, decimals));
            names.put(s.code(), s.name());
        }
        double pad = side * 0.01;
        return new View(minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad, paths, names);
    }

    /** The rings of a shape as one SVG path (even-odd fill: holes stay holes); islands under the tolerance dropped. */
    static String path(Shape shape, double tolerance, int decimals) {
        StringBuilder d = new StringBuilder();
        double[] largest = null;
        double largestSize = -1;
        for (double[] ring : shape.rings()) {
            double size = extent(ring);
            if (size > largestSize) {
                largestSize = size;
                largest = ring;
            }
        }
        String format = "%." + decimals + "f";
        for (double[] ring : shape.rings()) {
            // A speck smaller than the tolerance is not visible; the largest ring always stays.
            if (ring != largest && extent(ring) < tolerance * 2) {
                continue;
            }
            double[] kept = simplify(ring, tolerance);
            if (kept.length < 6 && ring != largest) {
                continue;
            }
            for (int i = 0; i < kept.length; i += 2) {
                d.append(i == 0 ? 'M' : 'L').append(String.format(Locale.ROOT, format, kept[i])).append(' ')
                        .append(String.format(Locale.ROOT, format, kept[i + 1]));
            }
            d.append('Z');
        }
        return d.toString();
    }

    private static double extent(double[] ring) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < ring.length; i += 2) {
            minX = Math.min(minX, ring[i]);
            maxX = Math.max(maxX, ring[i]);
            minY = Math.min(minY, ring[i + 1]);
            maxY = Math.max(maxY, ring[i + 1]);
        }
        return Math.max(maxX - minX, maxY - minY);
    }

    /** Douglas–Peucker, iterative: the points that keep the ring within {@code tolerance} of the original. */
    static double[] simplify(double[] ring, double tolerance) {
        int n = ring.length / 2;
        if (n <= 3) {
            return ring;
        }
        boolean[] keep = new boolean[n];
        keep[0] = true;
        keep[n - 1] = true;
        // A closed ring's first and last points coincide: split it at its farthest point from the first.
        int far = 0;
        double farthest = -1;
        for (int i = 1; i < n - 1; i++) {
            double dx = ring[2 * i] - ring[0];
            double dy = ring[2 * i + 1] - ring[1];
            double dist = dx * dx + dy * dy;
            if (dist > farthest) {
                farthest = dist;
                far = i;
            }
        }
        keep[far] = true;
        java.util.ArrayDeque<int[]> stack = new java.util.ArrayDeque<>();
        stack.push(new int[] {0, far});
        stack.push(new int[] {far, n - 1});
        while (!stack.isEmpty()) {
            int[] span = stack.pop();
            int a = span[0];
            int b = span[1];
            double worst = -1;
            int index = -1;
            for (int i = a + 1; i < b; i++) {
                double dist = distance(ring, i, a, b);
                if (dist > worst) {
                    worst = dist;
                    index = i;
                }
            }
            if (index >= 0 && worst > tolerance) {
                keep[index] = true;
                stack.push(new int[] {a, index});
                stack.push(new int[] {index, b});
            }
        }
        int count = 0;
        for (boolean k : keep) {
            count += k ? 1 : 0;
        }
        double[] out = new double[count * 2];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out[j++] = ring[2 * i];
                out[j++] = ring[2 * i + 1];
            }
        }
        return out;
    }

    /** Distance of point i from the segment a–b. */
    private static double distance(double[] p, int i, int a, int b) {
        double ax = p[2 * a], ay = p[2 * a + 1], bx = p[2 * b], by = p[2 * b + 1], x = p[2 * i], y = p[2 * i + 1];
        double dx = bx - ax, dy = by - ay;
        double length = dx * dx + dy * dy;
        double t = length == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length));
        double px = ax + t * dx - x, py = ay + t * dy - y;
        return Math.sqrt(px * px + py * py);
    }
}
