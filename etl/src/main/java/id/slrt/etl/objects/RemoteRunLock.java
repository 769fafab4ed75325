package id.slrt.etl.objects;

import id.slrt.warehouse.objects.ObjectLocation;
import id.slrt.warehouse.objects.ObjectStore;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The run lock across machines: an object {@code RUN-LOCK} created with a conditional write
 * ({@code If-None-Match: *}), so of two ETL runs on two machines exactly one gets it. It is a lease: the holder
 * renews it while it runs; a lock whose holder died (a killed process cannot delete it) expires and the next
 * run takes it over, again conditionally ({@code If-Match}), so two runs cannot both take over one stale lock.
 */
final class RemoteRunLock implements AutoCloseable {
    static final String NAME = "RUN-LOCK";
    static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    private final ObjectStore store;
    private final ObjectLocation at;
    private final Duration lease;
    private final String owner;
    private final ScheduledExecutorService renewer;
    private volatile String etag;

    private RemoteRunLock(ObjectStore store, ObjectLocation at, Duration lease, String owner, String etag) {
        this.store = store;
        this.at = at;
        this.lease = lease;
        this.owner = owner;
        this.etag = etag;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slrt-run-lock-lease");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toSeconds() / 3);
        renewer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.SECONDS);
    }

    /** @throws IllegalStateException naming the holder when another live run holds the lock */
    static RemoteRunLock acquire(ObjectStore store, ObjectLocation at, Duration lease) {
        String owner = host() + " pid " + ProcessHandle.current().pid();
        byte[] mine = content(owner, Instant.now().plus(lease));
        if (store.putIfAbsent(at, NAME, mine)) {
            return held(store, at, lease, owner);
        }
        ObjectStore.Read held = store.read(at, NAME, 1024).orElse(null);
        if (held == null) {
            if (store.putIfAbsent(at, NAME, mine)) { // released between our two requests
                return held(store, at, lease, owner);
            }
            throw busy(at, "another run");
        }
        String[] fields = new String(held.bytes(), StandardCharsets.UTF_8).strip().split("\t");
        Instant expires = fields.length == 2 ? parse(fields[1]) : Instant.EPOCH;
        if (expires.isAfter(Instant.now())) {
            throw busy(at, fields[0] + " until " + expires);
        }
        if (!store.replaceIfUnchanged(at, NAME, held.etag(), mine)) {
            throw busy(at, "another run that took over the expired lock first");
        }
        return held(store, at, lease, owner);
    }

    /** The lock this run has just written, with the version its renewals and release are conditional on. */
    private static RemoteRunLock held(ObjectStore store, ObjectLocation at, Duration lease, String owner) {
        return new RemoteRunLock(store, at, lease, owner, version(store, at));
    }

    private static String version(ObjectStore store, ObjectLocation at) {
        return store.read(at, NAME, 1024).orElseThrow().etag();
    }

    private static IllegalStateException busy(ObjectLocation at, String holder) {
        return new IllegalStateException("another ETL run is in progress: " + at.key(NAME) + " is held by " + holder);
    }

    private void renew() {
        try {
            byte[] renewed = content(owner, Instant.now().plus(lease));
            if (store.replaceIfUnchanged(at, NAME, etag, renewed)) {
                etag = version(store, at);
            }
        } catch (RuntimeException e) {
            // The next renewal tries again; the lease is three renewals long.
        }
    }

    private static byte[] content(String owner, Instant expires) {
        return (owner.replace('\t', ' ') + "\t" + expires + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Instant parse(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (RuntimeException e) {
            return Instant.EPOCH; // unreadable: treated as expired, taken over conditionally
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown host";
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        // Deleted only while still ours: a lock taken over after an expiry belongs to its new holder.
        store.read(at, NAME, 1024).filter(r -> r.etag().equals(etag)).ifPresent(r -> store.delete(at, List.of(NAME)));
    }
}
