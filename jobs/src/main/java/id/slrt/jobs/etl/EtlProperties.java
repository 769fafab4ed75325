package id.slrt.jobs.etl;

import id.slrt.etl.staging.RawText;
import id.slrt.warehouse.objects.ObjectLocation;
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
 * @param objectStorage  inbox, warehouse or state on an S3-compatible store instead of the folders above
 */
@ConfigurationProperties("slrt.etl")
public record EtlProperties(Path inbox, Path warehouse, Path reference, Path state, String sparkMaster, int keepSnapshots,
                            String cron, String timeZone, boolean runOnStart, int slaDays, List<Duration> retryBackoff,
                            URI failureWebhook, Jvm jvm, Integer rawRetentionDays, ObjectStorage objectStorage) {
    public EtlProperties {
        objectStorage = objectStorage == null ? new ObjectStorage(null, null, null, null) : objectStorage;
        rawRetentionDays = rawRetentionDays == null ? RawText.DEFAULT_RETENTION_DAYS : rawRetentionDays;
        retryBackoff = retryBackoff == null ? List.of() : List.copyOf(retryBackoff);
        jvm = jvm == null ? new Jvm(null, null, null, null) : jvm;
    }

    /** What the ETL is given as {@code --inbox}: the folder, or the store's URL. */
    public String inboxArgument() {
        return objectStorage.inbox().isEmpty() ? inbox.toString() : objectStorage.inbox();
    }

    public String warehouseArgument() {
        return objectStorage.warehouse().isEmpty() ? warehouse.toString() : objectStorage.warehouse();
    }

    public String stateArgument() {
        return objectStorage.state().isEmpty() ? state.toString() : objectStorage.state();
    }

    /** Where this machine holds the warehouse: the folder, or the run's copy in the work folder. */
    public Path localWarehouse() {
        return objectStorage.warehouse().isEmpty() ? warehouse : objectStorage.work().resolve("warehouse");
    }

    public Path localState() {
        return objectStorage.state().isEmpty() ? state : objectStorage.work().resolve("state");
    }

    public Path localInbox() {
        return objectStorage.inbox().isEmpty() ? inbox : objectStorage.work().resolve("inbox");
    }

    /**
     * {@code slrt.etl.object-storage.*} (docs/cluster.md, "Object storage"): each of the three an {@code s3://}
     * or {@code s3a://} URL, or empty for the folder above; {@code work} is the run's local working copy.
     */
    public record ObjectStorage(String inbox, String warehouse, String state, Path work) {
        public ObjectStorage {
            inbox = url("inbox", inbox);
            warehouse = url("warehouse", warehouse);
            state = url("state", state);
            work = work == null ? Path.of("data/state/etl-work") : work;
        }

        public boolean any() {
            return !inbox.isEmpty() || !warehouse.isEmpty() || !state.isEmpty();
        }

        private static String url(String name, String value) {
            String url = value == null ? "" : value.strip();
            if (!url.isEmpty()) {
                if (!ObjectLocation.isObjectUrl(url)) {
                    throw new IllegalArgumentException("slrt.etl.object-storage." + name + ": '" + url
                            + "' is no s3:// or s3a:// URL");
                }
                ObjectLocation.parse(url); // a malformed bucket or prefix fails at start, not at 02:00
            }
            return url;
        }
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
