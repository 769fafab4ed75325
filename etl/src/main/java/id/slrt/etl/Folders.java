package id.slrt.etl;

import id.slrt.warehouse.Snapshots;

import java.nio.file.Path;

/** Removing a folder tree: staged batches, old snapshots, a benchmark's or a test's scratch folders. */
public final class Folders {
    private Folders() {
    }

    /** Deletes {@code dir} and everything below it; nothing when it does not exist. */
    public static void delete(Path dir) {
        Snapshots.delete(dir); // one implementation, in the module every writer shares
    }
}
