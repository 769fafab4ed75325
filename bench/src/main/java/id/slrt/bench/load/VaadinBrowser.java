package id.slrt.bench.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * One person's browser on the dashboard's screens, speaking Vaadin Flow's protocol as its client does
 * (Vaadin 25.1; checked against Chromium's requests): its own cookie jar (the session), and for each page
 * load
 * <ol>
 *   <li>the unload beacon of the page left ({@code POST ?v-r=uidl&v-uiId=N} with {@code "UNLOAD": true}),
 *       which frees its UI on the server;</li>
 *   <li>{@code GET /kabupaten?kabupaten=3404&tahun=2018}: the app shell (index.html);</li>
 *   <li>{@code GET ?v-r=init&location=kabupaten&query=...&v-browserDetails={...}}: a new UI, its id and
 *       its security key; no view yet;</li>
 *   <li>{@code POST ?v-r=uidl&v-uiId=N} with the {@code ui-navigate} event on the UI's root node: the
 *       server navigates, which runs the view's {@code beforeEnter} and so its queries, and answers with
 *       the rendered components (texts, chart configurations, grid rows).</li>
 * </ol>
 * A browser then sends one or two small UIDL messages with the components' property syncs; they depend on
 * the component tree's node ids and do no queries, so they are left out. Static files are fetched once per
 * browser (a warm cache afterwards), on the sign-in page.
 */
final class VaadinBrowser implements AutoCloseable {
    /** What Chromium sends at 1280x800 (Flow.js collectBrowserDetails), as strings like it. */
    private static final String BROWSER_DETAILS = json(Map.ofEntries(
            Map.entry("v-sh", "800"), Map.entry("v-sw", "1280"), Map.entry("v-wh", "720"), Map.entry("v-ww", "1280"),
            Map.entry("v-bh", "720"), Map.entry("v-bw", "1280"), Map.entry("v-tzo", "-420"), Map.entry("v-dstd", "0"),
            Map.entry("v-rtzo", "-420"), Map.entry("v-dston", "false"), Map.entry("v-tzid", "Asia/Jakarta"),
            Map.entry("v-td", "false"), Map.entry("v-pr", "1"), Map.entry("v-np", "Linux x86_64"), Map.entry("v-cs", "light"),
            Map.entry("v-tn", "lumo")));
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"\\./((?:VAADIN|lumo)/[^\"]+)\"");

    /** The UI of the page on screen: what its unload beacon needs. */
    private record OpenUi(int id, String securityKey) {
    }

    private final Http http;
    private final Recorder recorder;
    private final HttpClient client = Http.client(true);
    private OpenUi open;
    private boolean cached;
    private boolean signedIn;

    VaadinBrowser(Http http, Recorder recorder) {
        this.http = http;
        this.recorder = recorder;
    }

    /** The sign-in page (a Vaadin view itself), then Spring Security's form login with its CSRF token. */
    void signIn(DemoUser user) {
        String page = appShell("login", "");
        if (!cached) {
            fetchAssets(page);
            cached = true;
        }
        showView("login", "", ViewText.pageTitle("login.title"), null);
        Matcher csrf = CSRF_META.matcher(page);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", user.username());
        form.put("password", DemoUser.PASSWORD);
        if (csrf.find()) {
            form.put("_csrf", csrf.group(1));
        }
        String body = String.join("&", form.entrySet().stream()
                .map(e -> e.getKey() + "=" + Http.encode(e.getValue())).toList());
        HttpRequest request = http.request("login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        call("sign-in POST /login", request, response -> {
            String location = response.headers().firstValue("Location").orElse("");
            if (response.statusCode() != 302 || location.contains("/login")) {
                return "sign-in refused: HTTP " + response.statusCode() + " to '" + location + "'";
            }
            return null;
        });
        signedIn = true;
        unload(); // the sign-in page is left
    }

    /** One page load (app shell, init, navigation); checks the rendered view. Call {@link #leave()} first. */
    void open(Workload.PageLoad page) {
        appShell(page.route(), page.query());
        showView(page.route(), page.query(), ViewText.pageTitle(page.titleKey()), page.expected());
        if (page.expected() != null) {
            recorder.checked("district screen total = DuckDB's");
        }
    }

    private String appShell(String route, String query) {
        HttpRequest request = http.request(route + (query.isEmpty() ? "" : "?" + query)).GET().build();
        return call("html", request, r -> r.statusCode() != 200 ? "HTTP " + r.statusCode()
                : r.body().contains("<html") ? null : "not the app shell: " + UidlAnswer.snippet(r.body(), 0)).body();
    }

    private void fetchAssets(String page) {
        Set<String> assets = new LinkedHashSet<>();
        Matcher asset = ASSET.matcher(page);
        while (asset.find()) {
            assets.add(asset.group(1));
        }
        for (String path : assets) {
            HttpRequest request = http.request(path).GET().build();
            send("asset", request, HttpResponse.BodyHandlers.ofByteArray(),
                    r -> r.statusCode() == 200 ? null : "HTTP " + r.statusCode() + " for " + path);
        }
    }

    /** init, then the ui-navigate event: the view is built and its queries run on the server here. */
    private void showView(String route, String query, String title, String expected) {
        String init = "?v-r=init&location=" + Http.encode(route) + "&query=" + Http.encode(query)
                + "&v-browserDetails=" + Http.encode(BROWSER_DETAILS);
        HttpResponse<String> initAnswer = call("init", http.request(init).GET().build(),
                r -> r.statusCode() != 200 ? "HTTP " + r.statusCode() : Bootstrap.of(r.body()).problem());
        Bootstrap ui = Bootstrap.of(initAnswer.body());
        int uiId = ui.uiId();
        String key = ui.securityKey();
        int syncId = ui.syncId();
        open = new OpenUi(uiId, key);
        String navigate = json(Map.of(
                "csrfToken", key,
                "rpc", List.of(Map.of("type", "event", "node", 1, "event", "ui-navigate",
                        "data", Map.of("route", "/" + route, "query", query, "appShellTitle", "",
                                "historyState", Map.of("idx", 0), "trigger", ""))),
                "syncId", syncId,
                "clientId", 0));
        HttpRequest request = http.request("?v-r=uidl&v-uiId=" + uiId)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(navigate)).build();
        HttpResponse<String> answer = call("view /" + route, request, r -> r.statusCode() != 200 ? "HTTP " + r.statusCode()
                : UidlAnswer.parse(r.body()).problem(title, expected));
        if (!route.equals("login")) {
            // Not an error: a small district may have had no referral or no bad row in the period.
            recorder.checked(UidlAnswer.saysNoData(answer.body()) ? "view said no data for its filters (/" + route + ")"
                    : "views with data");
        }
    }

    /**
     * The browser's beacon when a page is left: Vaadin closes that UI at once instead of after three
     * missed heartbeats. A browser does not wait for it, so it is not part of the next page load's time.
     */
    void leave() {
        try {
            unload();
        } catch (Http.Failure e) {
            // recorded as an error of its kind already; the next page load goes on, as in a browser
        }
    }

    private void unload() {
        if (open == null) {
            return;
        }
        String beacon = json(Map.of("csrfToken", open.securityKey(), "rpc", List.of(), "UNLOAD", true));
        HttpRequest request = http.request("?v-r=uidl&v-uiId=" + open.id())
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(beacon)).build();
        open = null;
        call("unload", request, r -> r.statusCode() == 200 ? null : "HTTP " + r.statusCode());
    }

    private HttpResponse<String> call(String kind, HttpRequest request, Check<String> check) {
        return send(kind, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), check);
    }

    private <T> HttpResponse<T> send(String kind, HttpRequest request, HttpResponse.BodyHandler<T> body, Check<T> check) {
        long start = System.nanoTime();
        String problem;
        HttpResponse<T> response = null;
        try {
            response = http.send(client, request, body);
            if (sessionLost(kind, response)) {
                // Its instance stopped and the proxy sent this browser to another, which has no session for it:
                // a person sees the sign-in page (docs/load.md). Not an error: the user signs in again.
                recorder.request(kind + " (session lost)", System.nanoTime() - start, null);
                open = null;
                throw new SessionLost(kind + ": HTTP " + response.statusCode() + " from an instance without this session");
            }
            problem = check.problem(response);
        } catch (SessionLost e) {
            throw e;
        } catch (Http.Failure e) {
            problem = e.getMessage();
        }
        recorder.request(kind, System.nanoTime() - start, problem);
        if (problem != null) {
            throw new Http.Failure(kind + ": " + problem);
        }
        return response;
    }

    /**
     * An answer that says this browser's session is not known where the request went: the app shell or init
     * redirected to the sign-in page, or a Vaadin request refused for want of a session (401, 403) or answered
     * with Vaadin's "session expired". Only after a sign-in (before it, a redirect to /login is the normal way
     * in), and only once an instance was stopped: otherwise a lost session is an error like any other.
     */
    private boolean sessionLost(String kind, HttpResponse<?> response) {
        if (!http.sessionsMayMove() || !signedIn || kind.startsWith("sign-in") || kind.equals("asset")) {
            return false;
        }
        int status = response.statusCode();
        if (status == 302 || status == 303) {
            return response.headers().firstValue("Location").orElse("").contains("/login");
        }
        if (status == 401 || status == 403) {
            return true;
        }
        return status == 200 && response.body() instanceof String text && text.contains("\"sessionExpired\":true");
    }

    /** The session was lost to a stopped instance: sign in again ({@link LoadPhase}). */
    static final class SessionLost extends Http.Failure {
        SessionLost(String message) {
            super(message);
        }
    }

    /** The init request's answer: the new UI's id, security key and first sync id. */
    private record Bootstrap(int uiId, String securityKey, int syncId, String problem) {
        static Bootstrap of(String body) {
            JsonNode config;
            try {
                config = UidlAnswer.JSON.readTree(body).path("appConfig");
            } catch (RuntimeException e) {
                return new Bootstrap(-1, "", -1, "not Vaadin's bootstrap JSON: " + UidlAnswer.snippet(body, 0));
            }
            int uiId = config.path("v-uiId").asInt(-1);
            String key = config.path("uidl").path("Vaadin-Security-Key").asString("");
            int syncId = config.path("uidl").path("syncId").asInt(-1);
            boolean ok = uiId >= 0 && !key.isEmpty() && syncId >= 0;
            return new Bootstrap(uiId, key, syncId, ok ? null : "no UI id, security key or sync id in the bootstrap JSON");
        }
    }

    /** Why an answer is wrong, or null. */
    @FunctionalInterface
    interface Check<T> {
        String problem(HttpResponse<T> response);
    }

    /** Leaves the page on screen (its unload beacon) and closes the connections. */
    @Override
    public void close() {
        try {
            leave();
        } finally {
            client.close();
        }
    }

    private static String json(Object value) {
        return UidlAnswer.JSON.writeValueAsString(value);
    }
}
