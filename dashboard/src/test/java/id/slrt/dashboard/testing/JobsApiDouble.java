package id.slrt.dashboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The jobs service's runs API as the dashboard sees it ({@code GET/POST /api/runs} with a bearer token),
 * on a real port: the dashboard's tests do not start Spark. The real pair is exercised end to end in
 * bench's {@code RunNowEndToEndTest}; the jobs side of this contract in jobs' {@code EtlRunsTest}.
 */
public final class JobsApiDouble {
    public static final String TOKEN = "dashboard-test-token";
    private static final JobsApiDouble INSTANCE = new JobsApiDouble();

    private final HttpServer server;
    private final List<String> posts = new CopyOnWriteArrayList<>();
    private volatile String status = idle();
    private volatile boolean waiting;

    private JobsApiDouble() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/runs", this::handle);
        server.start();
    }

    public static JobsApiDouble instance() {
        return INSTANCE;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The JSON the next GET answers (the jobs service's {@code RunsController.Status}). */
    public void answer(String statusJson) {
        status = statusJson;
    }

    public List<String> posts() {
        return posts;
    }

    public void reset() {
        status = idle();
        waiting = false;
        posts.clear();
    }

    public static String idle() {
        return """
                {"runs":[{"id":7,"trigger":"cron","attempt":1,"instance":"jobs-1","scheduledAt":"2019-01-14T19:00:00Z",
                 "startedAt":"2019-01-14T19:00:01Z","updatedAt":"2019-01-14T19:00:36Z","finishedAt":"2019-01-14T19:00:36Z",
                 "status":"SUCCEEDED","stage":"PUBLISHING","done":1,"total":1,"rowsSoFar":0,"snapshot":"snapshot-20190115T020000000Z",
                 "rowsRead":32416,"rowsAccepted":32400,"rowsQuarantined":16,"nextAttemptAt":null,"message":null}],
                 "queued":false,"nextScheduledRun":"2019-01-15T19:00:00Z"}""";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + TOKEN).equals(authorization)) {
            send(exchange, 401, "{\"message\":\"missing or wrong API token\"}");
        } else if (exchange.getRequestMethod().equals("POST")) {
            posts.add(authorization);
            if (waiting) {
                send(exchange, 409, "{\"queued\":false}");
            } else {
                waiting = true;
                send(exchange, 202, "{\"queued\":true,\"trigger\":\"on-demand-1\"}");
            }
        } else {
            send(exchange, 200, status);
        }
    }

    private static void send(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
