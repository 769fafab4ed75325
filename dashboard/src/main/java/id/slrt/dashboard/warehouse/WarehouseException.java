package id.slrt.dashboard.warehouse;

/** The warehouse exists but could not be read (a damaged or foreign Parquet file, a bad schema). */
public class WarehouseException extends RuntimeException {

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
