package id.slrt.etl.warehouse;

import id.slrt.warehouse.Snapshots;
import id.slrt.warehouse.Tables;

import java.nio.file.Path;

/**
 * The ETL's name for the warehouse folder: nothing but the contract's snapshot protocol
 * ({@link Snapshots}: {@code CURRENT}, staging, the atomic switch, clean-up) and its schema version
 * ({@link Tables#SCHEMA_VERSION}). Kept so the ETL's callers keep their imports; new code uses
 * {@code id.slrt.warehouse} directly.
 */
public final class Warehouse extends Snapshots {
    /** The version of docs/warehouse.md the tables follow: the contract's. */
    public static final int SCHEMA_VERSION = Tables.SCHEMA_VERSION;

    public Warehouse(Path root) {
        super(root);
    }
}
