package id.slrt.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one phase measured, from many user threads at once: the latency and errors of every request by
 * kind ("html", "view /kabupaten", "api /visits/monthly", ...), of every user action (sign-in, page load,
 * API call), the checks that passed, the first error messages, and when each snapshot was first served.
 */
final class Recorder {
    static final int KEPT_MESSAGES = 8;

    /** Latencies (ms) and errors of one kind. */
    static final class Series {
        private final List<Double> millis = new ArrayList<>();
        private int errors;

        synchronized void add(double ms, boolean error) {
            millis.add(ms);
            if (error) {
                errors++;
            }
        }

        synchronized Summary summary() {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Summary(sorted.length, errors, percentile(sorted, 0.50), percentile(sorted, 0.95),
                    percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        }
    }

    record Summary(int count, int errors, double p50, double p95, double p99, double max) {
    }

    private final long startNanos = System.nanoTime();
    private final Map<String, Series> requests = new ConcurrentHashMap<>();
    private final Map<String, Series> actions = new ConcurrentHashMap<>();
    private final Series allRequests = new Series();
    private final Series allActions = new Series();
    private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final Map<String, Long> snapshotFirstServed = new ConcurrentHashMap<>();
    private final Map<String, Long> snapshotLastServed = new ConcurrentHashMap<>();
    private final AtomicLong lastEndNanos = new AtomicLong(startNanos);
    /** Every action as {end nanoTime, duration nanos, failed 0/1}. */
    private final List<long[]> timeline = new ArrayList<>();

    /** @param error null when the request succeeded and its answer passed the checks */
    void request(String kind, long nanos, String error) {
        double ms = nanos / 1e6;
        requests.computeIfAbsent(kind, k -> new Series()).add(ms, error != null);
        allRequests.add(ms, error != null);
        lastEndNanos.accumulateAndGet(System.nanoTime(), Math::max);
        if (error != null) {
            errors.incrementAndGet();
            if (messages.size() < KEPT_MESSAGES) {
                messages.add(kind + ": " + error);
            }
        }
    }

    /** A user action (several requests in a row: what a person waits for). */
    void action(String kind, long nanos, boolean failed) {
        double ms = nanos / 1e6;
        synchronized (timeline) {
            timeline.add(new long[]{System.nanoTime(), nanos, failed ? 1 : 0});
        }
        actions.computeIfAbsent(kind, k -> new Series()).add(ms, failed);
        allActions.add(ms, failed);
    }

    /** A check of the answer's content that passed (e.g. the district total equals DuckDB's). */
    void checked(String check) {
        checks.computeIfAbsent(check, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A user's answer that names the snapshot it came from (the API's "snapshot"). */
    void served(String snapshot) {
        if (snapshot != null && !snapshot.isEmpty()) {
            long now = System.nanoTime();
            snapshotFirstServed.putIfAbsent(snapshot, now);
            snapshotLastServed.merge(snapshot, now, Math::max);
        }
    }

    Map<String, Summary> requests() {
        return summaries(requests);
    }

    Map<String, Summary> actions() {
        return summaries(actions);
    }

    Summary allRequests() {
        return allRequests.summary();
    }

    Summary allActions() {
        return allActions.summary();
    }

    Map<String, Integer> checks() {
        Map<String, Integer> copy = new TreeMap<>();
        checks.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    int errors() {
        return errors.get();
    }

    List<String> firstErrors() {
        return List.copyOf(messages);
    }

    /** @return nanoTime when an answer first named the snapshot, or null */
    Long firstServed(String snapshot) {
        return snapshotFirstServed.get(snapshot);
    }

    /** @return nanoTime when an answer last named the snapshot, or null */
    Long lastServed(String snapshot) {
        return snapshotLastServed.get(snapshot);
    }

    long startNanos() {
        return startNanos;
    }

    /** Seconds from the recorder's start to the last finished request. */
    double seconds() {
        return (lastEndNanos.get() - startNanos) / 1e9;
    }

    private static Map<String, Summary> summaries(Map<String, Series> series) {
        Map<String, Summary> sorted = new TreeMap<>();
        series.forEach((k, v) -> sorted.put(k, v.summary()));
        return sorted;
    }

    /** Nearest rank, as the query benchmark. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Actions that finished between two nanoTimes (e.g. after a snapshot switch). */
    Summary actionsBetween(long fromNanos, long toNanos) {
        Series window = new Series();
        synchronized (timeline) {
            for (long[] a : timeline) {
                if (a[0] >= fromNanos && a[0] <= toNanos) {
                    window.add(a[1] / 1e6, a[2] != 0);
                }
            }
        }
        return window.summary();
    }
}
