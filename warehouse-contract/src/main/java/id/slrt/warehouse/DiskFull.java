package id.slrt.warehouse;

/** Says "the disk is full" when that is why a write failed, however deep Spark or Hadoop wrapped it. */
public final class DiskFull {
    private static final String ENOSPC = "No space left on device";

    private DiskFull() {
    }

    public static boolean causedBy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(ENOSPC)) {
                return true;
            }
        }
        return false;
    }

    /** A sentence to add to the failure's message, or "" when the disk is not the cause. */
    public static String explain(Throwable error) {
        return causedBy(error) ? ": the disk is full (No space left on device); free space and run again."
                + " The previous snapshot stays current. / Disk penuh; kosongkan ruang lalu jalankan lagi." : "";
    }
}
