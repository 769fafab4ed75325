package id.slrt.dashboard.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The login form over real HTTP, as a browser posts it: the login page first (session, CSRF token), then the form. */
final class SignInForm {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    private SignInForm() {
    }

    /** Where the dashboard redirects after the form was posted ({@code /login?error} when refused). */
    static String post(int port, String user, String password) throws IOException, InterruptedException {
        return post(client(), port, user, password);
    }

    /** A client with its own cookies (session) that does not follow redirects. */
    static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Posts the form with this client, which keeps the session cookie of a successful sign-in. */
    static String post(HttpClient http, int port, String user, String password) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + port;
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        StringBuilder form = new StringBuilder("username=" + encode(user) + "&password=" + encode(password));
        Matcher csrf = CSRF.matcher(page);
        if (csrf.find()) {
            form.append("&_csrf=").append(encode(csrf.group(1)));
        }
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 302) {
            throw new AssertionError("the login form answered " + posted.statusCode() + ": " + posted.body());
        }
        return posted.headers().firstValue("Location").orElse("");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
