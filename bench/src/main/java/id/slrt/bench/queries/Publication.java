package id.slrt.bench.queries;

import id.slrt.etl.Folders;
import id.slrt.warehouse.Snapshots;

import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Publishes the big warehouse the way the ETL does, with the contract's protocol ({@link Snapshots}): tables
 * into {@code .staging-NAME/}, flushed and renamed when complete, then {@code CURRENT} replaced atomically.
 */
final class Publication {

    private Publication() {
    }

    /**
     * Begins the snapshot of a run started at {@code startedAt}, lets {@code tables} write into it and publishes
     * it; a failed write leaves no staging folder. The same snapshot written again replaces the earlier one.
     *
     * @return the snapshot folder
     */
    static Path publish(Path warehouseRoot, Instant startedAt, Consumer<Snapshots.Staging> tables) {
        Snapshots snapshots = new Snapshots(warehouseRoot);
        Snapshots.Staging staging = snapshots.begin(startedAt);
        try {
            tables.accept(staging);
        } catch (RuntimeException | Error e) {
            snapshots.abandon(staging);
            throw e;
        }
        Folders.delete(snapshots.root().resolve(staging.name()));
        return snapshots.publish(staging);
    }
}
