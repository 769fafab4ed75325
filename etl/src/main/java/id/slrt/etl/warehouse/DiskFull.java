package id.slrt.etl.warehouse;

/** The contract's {@link id.slrt.warehouse.DiskFull}, under the name the ETL's callers use. */
public final class DiskFull {
    private DiskFull() {
    }

    public static boolean causedBy(Throwable error) {
        return id.slrt.warehouse.DiskFull.causedBy(error);
    }

    /** A sentence to add to the failure's message, or "" when the disk is not the cause. */
    public static String explain(Throwable error) {
        return id.slrt.warehouse.DiskFull.explain(error);
    }
}
