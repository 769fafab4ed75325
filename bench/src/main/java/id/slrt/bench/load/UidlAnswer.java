package id.slrt.bench.load;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vaadin Flow's answer to a UIDL request (the JSON with the UI's changes), and whether it is a rendered
 * view or something a user would see as a failure. Vaadin reports its own failures with status 200:
 * {@code meta.sessionExpired}, {@code meta.appError} (e.g. a wrong security key) or {@code syncId: -1};
 * the dashboard replaces a view's numbers with a message (access denied, warehouse unreadable, no data).
 */
final class UidlAnswer {
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Vaadin's own error view when a navigation throws. */
    private static final List<String> VAADIN_ERRORS = List.of("There was an exception while trying to navigate",
            "Could not navigate to");
    private static final List<String> MARKERS = markers();
    private static final String NO_DATA = ViewText.noDataMarker();

    private final String body;
    private final JsonNode json;

    private UidlAnswer(String body, JsonNode json) {
        this.body = body;
        this.json = json;
    }

    /** @throws Http.Failure when the body is not Vaadin's JSON */
    static UidlAnswer parse(String body) {
        try {
            return new UidlAnswer(body, JSON.readTree(body));
        } catch (RuntimeException e) {
            throw new Http.Failure("not a UIDL answer: " + snippet(body, 0));
        }
    }

    JsonNode json() {
        return json;
    }

    int syncId() {
        return json.path("syncId").asInt(-1);
    }

    /**
     * @param title    the view's page title, which it sets when it has rendered
     * @param expected a text the view must show (null: none)
     * @return why the answer is not a rendered view, or null when it is
     */
    String problem(String title, String expected) {
        JsonNode meta = json.path("meta");
        if (meta.path("sessionExpired").asBoolean(false)) {
            return "session expired";
        }
        if (meta.has("appError")) {
            JsonNode error = meta.path("appError");
            return "Vaadin error: " + error.path("caption").asString("") + " " + error.path("message").asString("");
        }
        if (json.has("syncId") && syncId() < 0) {
            return "UIDL message refused (syncId -1)";
        }
        for (String marker : MARKERS) {
            int at = body.indexOf(marker);
            if (at >= 0) {
                return "the view shows '" + snippet(body, at) + "'";
            }
        }
        if (!body.contains(title)) {
            return "no view rendered: '" + title + "' not in the answer";
        }
        if (expected != null && !body.contains(expected)) {
            return "'" + expected + "' not in the view";
        }
        return null;
    }

    /** Whether the view said its filters find no data (a rendered view, not an error). */
    static boolean saysNoData(String body) {
        return body.contains(NO_DATA);
    }

    private static List<String> markers() {
        List<String> markers = new ArrayList<>(ViewText.problemMarkers());
        markers.addAll(VAADIN_ERRORS);
        return List.copyOf(markers);
    }

    static String snippet(String text, int from) {
        String s = text.substring(from, Math.min(text.length(), from + 100));
        int quote = s.indexOf('"');
        return (quote > 0 ? s.substring(0, quote) : s).replaceAll("\\s+", " ");
    }
}
