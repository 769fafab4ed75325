package id.slrt.bench.etl;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Records every Spark SQL execution (one per Dataset action: a write, a collect) with its start, end and
 * call site ({@code parquet at StagingJob.java:72}), to split an ETL run into its phases. Job events are
 * no use for this: with adaptive execution most jobs are submitted from a thread pool and their call site
 * is a CompletableFuture.
 */
final class QueryTimes extends SparkListener {
    record Query(long id, long start, long end, String callSite) {
        long millis() {
            return end - start;
        }
    }

    private final Map<Long, Query> queries = new ConcurrentHashMap<>();

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof SparkListenerSQLExecutionStart s) {
            boolean root = s.rootExecutionId().isEmpty() || (long) s.rootExecutionId().get() == s.executionId();
            if (root) {
                queries.put(s.executionId(), new Query(s.executionId(), s.time(), -1, s.description()));
            }
        } else if (event instanceof SparkListenerSQLExecutionEnd e) {
            queries.computeIfPresent(e.executionId(), (id, q) -> new Query(id, q.start(), e.time(), q.callSite()));
        }
    }

    void clear() {
        queries.clear();
    }

    /** The finished queries so far, after the listener bus has delivered every event. */
    List<Query> queries(SparkSession spark) {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not drain in 10 s", e);
        }
        return queries.values().stream().filter(q -> q.end() >= 0).sorted(Comparator.comparingLong(Query::id)).toList();
    }

    /**
     * A run from {@code start} to {@code end} (epoch millis) in three phases: before staging (ledger: list
     * and hash the inbox, read the previous ledger), staging (parse and check the new files, write the
     * staged batch) and after it (build, write, balance and publish the snapshot), with the snapshot's
     * queries summed by call site, longest first.
     */
    record Phases(long ledgerMillis, long stagingMillis, long snapshotMillis, Map<String, Long> snapshotByCallSite) {
    }

    static Phases phases(List<Query> queries, long start, long end) {
        List<Query> staging = queries.stream().filter(q -> q.callSite().contains("StagingJob")).toList();
        if (staging.isEmpty()) {
            return null;
        }
        long stagingStart = staging.stream().mapToLong(Query::start).min().orElseThrow();
        long stagingEnd = staging.stream().mapToLong(Query::end).max().orElseThrow();
        Map<String, Long> byCallSite = new LinkedHashMap<>();
        queries.stream().filter(q -> q.start() >= stagingEnd)
                .forEach(q -> byCallSite.merge(q.callSite(), q.millis(), Long::sum));
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(byCallSite.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> top = new LinkedHashMap<>();
        sorted.forEach(e -> top.put(e.getKey(), e.getValue()));
        return new Phases(stagingStart - start, stagingEnd - stagingStart, end - stagingEnd, top);
    }
}
