package id.slrt.bench.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Requests to the dashboard on loopback, each with a hard time limit: {@link HttpRequest#timeout} only
 * bounds the wait for the response headers, so the whole exchange, body included, is awaited with a
 * deadline and cancelled when it passes.
 */
final class Http {
    /** Sent with every request, so the dashboard's logs tell the bench from a person. */
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) slrt-bench-load";

    /** A request that failed: no answer in time, a connection problem, or an answer the check refused. */
    static class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private final URI base;
    private final Duration timeout;
    /** Set when a dashboard instance behind the proxy was stopped: from then on a lost session is expected. */
    private volatile boolean instanceStopped;

    Http(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    void instanceStopped() {
        instanceStopped = true;
    }

    boolean sessionsMayMove() {
        return instanceStopped;
    }

    URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    Duration timeout() {
        return timeout;
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(timeout).header("User-Agent", USER_AGENT);
    }

    static HttpClient client(boolean cookies) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (cookies) {
            builder.cookieHandler(new java.net.CookieManager());
        }
        return builder.build();
    }

    <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request, body);
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new Failure("no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new Failure(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
