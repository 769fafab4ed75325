package id.slrt.dashboard.warehouse;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The current row of a query's result, for the services' row mappers. WHY not {@link ResultSet}: no
 * class outside this package touches JDBC (ArchitectureTest), so a service cannot open its own way
 * to the database; the few getters the services need are here, failures as {@link WarehouseException}.
 */
public final class Row {

    private final ResultSet rows;

    Row(ResultSet rows) {
        this.rows = rows;
    }

    /** Moves to the next row; false after the last. */
    public boolean next() {
        return get(rows::next);
    }

    public String getString(int column) {
        return get(() -> rows.getString(column));
    }

    public long getLong(int column) {
        return get(() -> rows.getLong(column));
    }

    public int getInt(int column) {
        return get(() -> rows.getInt(column));
    }

    public double getDouble(int column) {
        return get(() -> rows.getDouble(column));
    }

    public boolean getBoolean(int column) {
        return get(() -> rows.getBoolean(column));
    }

    public Object getObject(int column) {
        return get(() -> rows.getObject(column));
    }

    /** Whether the last value read was SQL NULL. */
    public boolean wasNull() {
        return get(rows::wasNull);
    }

    private interface Read<T> {
        T read() throws SQLException;
    }

    private static <T> T get(Read<T> read) {
        try {
            return read.read();
        } catch (SQLException e) {
            throw new WarehouseException("Reading a query's result failed: " + e.getMessage(), e);
        }
    }
}
