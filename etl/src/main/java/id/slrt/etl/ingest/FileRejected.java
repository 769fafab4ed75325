package id.slrt.etl.ingest;

/** A whole export that cannot be used; the run goes on with the other files. */
public class FileRejected extends Exception {
    private final Reason reason;
    private final String detail;

    public FileRejected(Reason reason, String detail) {
        super(reason.english() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.reason = reason;
        this.detail = detail == null ? "" : detail;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
