package id.slrt.dashboard.warehouse;

import id.slrt.warehouse.Snapshots;
import id.slrt.warehouse.objects.ObjectLocation;
import id.slrt.warehouse.objects.ObjectStore;
import id.slrt.warehouse.objects.RemoteSnapshots;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A dashboard instance whose warehouse lives on object storage ({@code slrt.warehouse-source:
 * s3://bucket/slrt/warehouse}, docs/cluster.md): DuckDB reads local files only, so the instance keeps a
 * copy of the current snapshot in {@code slrt.warehouse}, fetched when the store's {@code CURRENT} pointer
 * changes, every file verified against the snapshot's manifest, and switched with the folder protocol
 * ({@link RemoteSnapshots#fetch}). A failed fetch changes nothing: the copy being served stays. Without a
 * source (the default) the ETL writes the local folder itself and this does nothing.
 *
 * <p>Health component "warehouseSource": the source, the last snapshot fetched and when, and the last
 * failure's reason while it lasts (up: the instance still serves its copy).
 */
@Component("warehouseSourceHealthIndicator")
@EnableScheduling // also when mail (the other scheduled task) is off
public class WarehouseFetcher implements HealthIndicator, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(WarehouseFetcher.class);
    /** Local copies kept: the one served, the one before it (still read by requests under way) and one more. */
    static final int LOCAL_COPIES = 3;

    private final Warehouse warehouse;
    private final RemoteSnapshots remote;
    private final ObjectStore store;
    private final long maxBytes;
    private volatile Instant lastFetchAt;
    private volatile String lastFetched;
    private volatile String lastError;

    public WarehouseFetcher(Warehouse warehouse, @Value("${slrt.warehouse-source:}") String source,
                            @Value("${slrt.warehouse-fetch-max-bytes:" + RemoteSnapshots.DEFAULT_MAX_SNAPSHOT_BYTES + "}") long maxBytes) {
        this.warehouse = warehouse;
        this.maxBytes = maxBytes;
        if (source == null || source.isBlank()) {
            this.store = null;
            this.remote = null;
            return;
        }
        if (!ObjectLocation.isObjectUrl(source)) {
            throw new IllegalArgumentException("slrt.warehouse-source: '" + source + "' is no s3:// or s3a:// URL");
        }
        this.store = ObjectStore.fromEnvironment();
        this.remote = new RemoteSnapshots(store, ObjectLocation.parse(source));
        fetch(); // before the first request: an instance starts with the current snapshot when the store answers
    }

    public boolean active() {
        return remote != null;
    }

    /** Looks at the pointer and fetches a new snapshot; {@code slrt.warehouse-fetch-every} apart. */
    @Scheduled(fixedDelayString = "${slrt.warehouse-fetch-every:30s}", initialDelayString = "${slrt.warehouse-fetch-every:30s}")
    public synchronized void fetch() {
        if (remote == null) {
            return;
        }
        try {
            Optional<String> fetched = remote.fetch(warehouse.root(), maxBytes);
            lastFetchAt = Instant.now();
            lastError = null;
            fetched.ifPresent(name -> {
                lastFetched = name;
                log.info("Fetched snapshot {} from {} into {}", name, remote.location(), warehouse.root());
                new Snapshots(warehouse.root()).cleanUp(LOCAL_COPIES);
            });
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            log.warn("Cannot fetch the current snapshot from {}; the local copy stays served: {}", remote.location(), e.getMessage());
        }
    }

    @Override
    public Health health() {
        if (remote == null) {
            return Health.up().withDetail("source", "local folder (the ETL writes it)").build();
        }
        Health.Builder health = Health.up().withDetail("source", remote.location().toString());
        if (lastFetched != null) {
            health.withDetail("lastFetched", lastFetched);
        }
        if (lastFetchAt != null) {
            health.withDetail("lastLookAt", lastFetchAt.toString());
        }
        if (lastError != null) {
            health.withDetail("lastError", lastError);
        }
        return health.build();
    }

    @Override
    public void destroy() {
        if (store != null) {
            store.close();
        }
    }
}
