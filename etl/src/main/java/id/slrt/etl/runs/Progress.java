package id.slrt.etl.runs;

/**
 * Where a running ETL is, for whoever watches it (the jobs service shows it on the operations screen).
 * Called on the driver, often: an implementation must be cheap and must not throw.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (stage, done, total, rows) -> {
    };

    /** The stages of a run, in order. */
    enum Stage {
        /** Listing the inbox and hashing new or changed files; done/total in files. */
        SCANNING,
        /** Parsing and checking new files on the executors; done/total in files, rows parsed so far. */
        STAGING,
        /** Writing the snapshot's tables; done/total in tables. */
        BUILDING,
        /** Checking the balance and making the snapshot current. */
        PUBLISHING
    }

    void update(Stage stage, long done, long total, long rows);
}
