package id.slrt.bench.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a phase's figures: per request kind and per user action, throughput, checks and first errors. */
final class LoadReport {
    private static final String FORMAT = "  %-30s %7s %6s %8s %8s %8s %8s%n";

    private LoadReport() {
    }

    static void print(PrintStream out, Recorder recorder) {
        out.printf(Locale.ROOT, FORMAT, "request", "count", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms");
        recorder.requests().forEach((kind, s) -> row(out, kind, s));
        row(out, "all requests", recorder.allRequests());
        out.printf(Locale.ROOT, FORMAT, "user action", "", "", "", "", "", "");
        recorder.actions().forEach((kind, s) -> row(out, kind, s));
        row(out, "all user actions", recorder.allActions());
        Recorder.Summary all = recorder.allRequests();
        Map<String, Recorder.Summary> actions = recorder.actions();
        double seconds = recorder.seconds();
        out.printf(Locale.ROOT, "  throughput: %.1f requests/s (%.1f page loads/s, %.1f API calls/s) over %.1f s%n",
                all.count() / seconds, count(actions, "page load") / seconds, count(actions, "API call") / seconds, seconds);
        Map<String, Integer> checks = recorder.checks();
        out.println("  checks passed: view title on every page load" + (checks.isEmpty() ? "" : ", ")
                + checks.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "  errors: %d%n", recorder.errors());
        recorder.firstErrors().forEach(e -> out.println("    " + e));
    }

    static void row(PrintStream out, String kind, Recorder.Summary s) {
        out.printf(Locale.ROOT, FORMAT, kind, s.count(), s.errors(), ms(s.p50()), ms(s.p95()), ms(s.p99()), ms(s.max()));
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.1f" : "%.0f", ms);
    }

    private static int count(Map<String, Recorder.Summary> actions, String kind) {
        Recorder.Summary s = actions.get(kind);
        return s == null ? 0 : s.count();
    }
}
