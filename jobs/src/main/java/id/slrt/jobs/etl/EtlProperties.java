package id.slrt.jobs.etl;

import id.slrt.etl.staging.RawText;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code slrt.etl.*} in application.yml.
 *
 * @param cron           Quartz cron expression (seconds first), in {@code timeZone}
 * @param runOnStart     queue a run as soon as the service is up (besides any run missed while it was down)
 * @param sparkMaster    {@code local[*]} or a cluster URL such as {@code spark://host:7077}
 * @param state          ETL-private state: staged rows, raw quarantined rows, run journal, pseudonym key
 * @param slaDays        referral service-level target in days
 * @param retryBackoff   waits before the second, third, ... attempt of a failed run; empty: no retry
 * @param failureWebhook POSTed a JSON message when a run has failed its last attempt; empty: none
 * @param jvm            the ETL's own JVM, one per attempt
 * @param rawRetentionDays the raw text of quarantined rows is deleted from the state after this many days
 */
@ConfigurationProperties("slrt.etl")
public record EtlProperties(Path inbox, Path warehouse, Path reference, Path state, String sparkMaster, int keepSnapshots,
                            String cron, String timeZone, boolean runOnStart, int slaDays, List<Duration> retryBackoff,
                            URI failureWebhook, Jvm jvm, Integer rawRetentionDays) {
    public EtlProperties {
        rawRetentionDays = rawRetentionDays == null ? RawText.DEFAULT_RETENTION_DAYS : rawRetentionDays;
        retryBackoff = retryBackoff == null ? List.of() : List.copyOf(retryBackoff);
        jvm = jvm == null ? new Jvm(null, null, null, null) : jvm;
    }

    /**
     * {@code slrt.etl.jvm.*}: each attempt runs in a child JVM, so whatever the ETL does to its memory
     * cannot stop the service.
     *
     * @param maxHeap its {@code -Xmx}
     * @param timeout an attempt still running after this is killed and fails
     * @param options more JVM options (e.g. {@code -Dspark.driver.memory}); usually none
     * @param log     the child's standard error (its log) is appended here
     */
    public record Jvm(String maxHeap, Duration timeout, List<String> options, Path log) {
        public Jvm {
            maxHeap = maxHeap == null || maxHeap.isBlank() ? "4g" : maxHeap;
            timeout = timeout == null ? Duration.ofHours(6) : timeout;
            options = options == null ? List.of() : List.copyOf(options);
            log = log == null ? Path.of("data/state/logs/etl.log") : log;
        }
    }
}
