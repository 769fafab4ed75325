package id.slrt.warehouse;

import java.nio.file.Path;

/** What a reader finds when it resolves {@code CURRENT}: the snapshot to serve, or why there is none. */
public sealed interface Current {

    /** A published snapshot folder inside the warehouse, as {@code CURRENT} names it. */
    record Found(String name, Path dir) implements Current {
    }

    /** No snapshot to serve, with a sentence for the log or a screen. */
    record Missing(String problem) implements Current {
    }
}
