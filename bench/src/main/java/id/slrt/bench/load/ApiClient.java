package id.slrt.bench.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import id.slrt.dashboard.disclosure.Disclosure;
import tools.jackson.databind.JsonNode;

/**
 * The read-only API as a script calls it: HTTP Basic on every request (the API keeps no session), JSON
 * answers naming the snapshot they come from, checked for their rows and, for monthly visits, for the
 * total DuckDB reads from the same snapshot.
 */
final class ApiClient {
    private final Http http;
    private final HttpClient client;
    private final Recorder recorder;

    /** @param client shared by the users: the API is stateless, so one connection pool serves them all */
    ApiClient(Http http, HttpClient client, Recorder recorder) {
        this.http = http;
        this.client = client;
        this.recorder = recorder;
    }

    void call(DemoUser user, Workload.ApiCall call) {
        String credentials = Base64.getEncoder().encodeToString(
                (user.username() + ":" + DemoUser.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = http.request("api/v1/" + call.endpoint() + "?" + call.query())
                .header("Authorization", "Basic " + credentials).header("Accept", "application/json").GET().build();
        long start = System.nanoTime();
        String problem;
        try {
            HttpResponse<String> response = http.send(client, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            problem = response.statusCode() != 200
                    ? "HTTP " + response.statusCode() + " " + UidlAnswer.snippet(response.body(), 0)
                    : check(response.body(), call);
        } catch (Http.Failure e) {
            problem = e.getMessage();
        }
        recorder.request(call.kind(), System.nanoTime() - start, problem);
        if (problem != null) {
            throw new Http.Failure(call.kind() + ": " + problem);
        }
    }

    private String check(String body, Workload.ApiCall call) {
        JsonNode json;
        try {
            json = UidlAnswer.JSON.readTree(body);
        } catch (RuntimeException e) {
            return "not JSON: " + UidlAnswer.snippet(body, 0);
        }
        JsonNode rows = json.path("rows");
        // A small district may have made no referral in a half year: empty rows are an answer too.
        if (!rows.isArray() || (rows.isEmpty() && !call.endpoint().startsWith("referrals"))) {
            return rows.isArray() ? "no rows" : "no rows array";
        }
        String snapshot = json.path("snapshot").asString("");
        if (snapshot.isEmpty()) {
            return "no snapshot named";
        }
        recorder.served(snapshot);
        if (call.expectedVisits() != null) {
            // Small counts come as "<5" (1 to 4) and their complements as "x" (the disclosure policy): the
            // shown months add up to DuckDB's total less what the hidden ones can hold.
            long visits = 0;
            int small = 0;
            int complements = 0;
            for (JsonNode row : rows) {
                JsonNode v = row.path("visits");
                if (v.isNumber()) {
                    visits += v.asLong();
                } else if (Disclosure.standard().small().equals(v.asString(""))) {
                    small++;
                } else {
                    complements++;
                }
            }
            long rest = call.expectedVisits() - visits;
            boolean adds = complements == 0 ? rest >= small && rest <= (Disclosure.standard().threshold() - 1L) * small
                    : rest >= small + complements;
            if (!adds) {
                return "visits add up to " + visits + " shown, " + small + " under the threshold and " + complements
                        + " hidden; DuckDB reads " + call.expectedVisits() + " from the snapshot";
            }
            recorder.checked("API monthly visits = DuckDB's");
        }
        return null;
    }
}
