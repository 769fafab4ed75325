package id.slrt.etl.objects;

import id.slrt.etl.Etl;
import id.slrt.etl.ingest.ReadLimits;
import id.slrt.etl.runs.RunLock;
import id.slrt.warehouse.objects.ObjectLocation;
import id.slrt.warehouse.objects.ObjectStore;
import id.slrt.warehouse.objects.RemoteSnapshots;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An ETL run whose inbox, state or warehouse (any of them) lives on an S3-compatible store
 * (docs/cluster.md, "Object storage"). The run itself is unchanged and works on local folders under a work
 * folder: before it, the inbox and the state are brought to the store's version (only changed objects move)
 * and the warehouse's current snapshot is fetched; after it, the new snapshot is published with the object
 * protocol ({@link RemoteSnapshots}: files, manifest, then the pointer), old ones cleaned up, and the state's
 * changes sent back. All of it under {@link RemoteRunLock}, held where the state (or else the warehouse) lives.
 */
public final class ObjectStorageRun {
    /** Where the run's three folders live: each a local path or an {@code s3://} / {@code s3a://} URL. */
    public record Where(String inbox, String warehouse, String state) {
        public boolean anyRemote() {
            return ObjectLocation.isObjectUrl(inbox) || ObjectLocation.isObjectUrl(warehouse) || ObjectLocation.isObjectUrl(state);
        }
    }

    /** The run's report and what moved to and from the store, one line each. */
    public record Outcome(Etl.Report report, Etl.Config local, List<String> moved) {
    }

    private ObjectStorageRun() {
    }

    /**
     * @param localConfig the run's settings with the three folders as given (remote ones are replaced by
     *                    folders under {@code work})
     */
    public static Outcome run(Where where, Path work, Etl.Config localConfig, Function<Etl.Config, Etl.Report> etl) {
        Path inbox = local(where.inbox(), work.resolve("inbox"));
        Path warehouse = local(where.warehouse(), work.resolve("warehouse"));
        Path state = local(where.state(), work.resolve("state"));
        Etl.Config config = new Etl.Config(inbox, warehouse, localConfig.referenceDir(), state,
                localConfig.keepSnapshots(), localConfig.force(), localConfig.slaDays(), localConfig.rawRetentionDays());
        List<String> moved = new ArrayList<>();
        ObjectLocation lockAt = ObjectLocation.isObjectUrl(where.state()) ? ObjectLocation.parse(where.state())
                : ObjectLocation.isObjectUrl(where.warehouse()) ? ObjectLocation.parse(where.warehouse()) : null;
        Duration lease = Duration.ofMinutes(Long.getLong("slrt.etl.lock-lease-minutes", RemoteRunLock.DEFAULT_LEASE.toMinutes()));
        try (ObjectStore store = ObjectStore.fromEnvironment();
             RemoteRunLock lock = lockAt == null ? null : RemoteRunLock.acquire(store, lockAt, lease)) {
            Mirror inboxMirror = null;
            if (ObjectLocation.isObjectUrl(where.inbox())) {
                inboxMirror = new Mirror(store, ObjectLocation.parse(where.inbox()), inbox, key -> true);
                // One byte past the largest accepted file is enough for the reader to refuse it by size.
                describe(moved, "inbox", where.inbox(), inboxMirror.pull(ReadLimits.DEFAULTS.maxFileBytes()));
            }
            Mirror stateMirror = null;
            if (ObjectLocation.isObjectUrl(where.state())) {
                // The OS lock file is this machine's; RUN-LOCK is the store's.
                stateMirror = new Mirror(store, ObjectLocation.parse(where.state()), state,
                        key -> !key.equals(RemoteRunLock.NAME) && !key.equals(RunLock.FILE));
                describe(moved, "state", where.state(), stateMirror.pull(Long.MAX_VALUE - 1));
            }
            RemoteSnapshots remote = null;
            if (ObjectLocation.isObjectUrl(where.warehouse())) {
                remote = new RemoteSnapshots(store, ObjectLocation.parse(where.warehouse()));
                remote.fetch(warehouse, RemoteSnapshots.DEFAULT_MAX_SNAPSHOT_BYTES)
                        .ifPresent(name -> moved.add("fetched   " + name + " from " + where.warehouse()));
            }
            Etl.Report report = etl.apply(config);
            if (remote != null && !report.unchanged()) {
                remote.publish(warehouse.resolve(report.snapshot()));
                moved.add("published " + report.snapshot() + " to " + where.warehouse() + " (files, MANIFEST, then CURRENT)");
                List<String> removed = remote.cleanUp(config.keepSnapshots());
                if (!removed.isEmpty()) {
                    moved.add("removed   " + removed + " from " + where.warehouse());
                }
            }
            if (stateMirror != null) {
                describe(moved, "state up", where.state(), stateMirror.push());
            }
            return new Outcome(report, config, moved);
        }
    }

    private static Path local(String where, Path work) {
        return ObjectLocation.isObjectUrl(where) ? work : Path.of(where);
    }

    private static void describe(List<String> moved, String what, String url, Mirror.Moved m) {
        moved.add(String.format(Locale.ROOT, "%-9s %s: %,d objects copied (%,d bytes), %,d unchanged, %,d deleted%s",
                what, url, m.copied(), m.bytes(), m.kept(), m.deleted(),
                m.skippedNames() == 0 ? "" : ", " + m.skippedNames() + " skipped (names that cannot be a file name)"));
    }
}
