package id.slrt.dashboard.warehouse;

import java.util.Optional;

/**
 * Aggregates of the snapshot's tables that several screens read, computed once per snapshot in DuckDB
 * (see {@link Warehouse#derived}), so a national query scans hundreds of thousands of rows, not millions.
 */
public final class Rollups {

    /** visits_monthly without the service point and need: district, month (ym) and programme. */
    static final String VISITS_BY_PROGRAMME = """
            SELECT province_code, district_code, year, month, ym, programme, sum(visits) AS visits
            FROM %s GROUP BY ALL ORDER BY ym, district_code
            """;

    /** The districts with visits in each year. */
    static final String DISTRICTS_BY_YEAR = "SELECT DISTINCT year, province_code, district_code FROM %s";

    private Rollups() {
    }

    public static Optional<String> visitsByProgramme(Warehouse warehouse, Snapshot snapshot) {
        return warehouse.derived(snapshot, "visits_by_programme", "visits_monthly", VISITS_BY_PROGRAMME);
    }

    /**
     * visits_monthly and the other tables named, with the visits aggregate standing for visits_monthly
     * ({@code %1$s} in the SQL).
     */
    public static Tables withVisitsByProgramme(Warehouse warehouse, Snapshot snapshot, String... others) {
        String[] names = new String[others.length + 1];
        names[0] = "visits_monthly";
        System.arraycopy(others, 0, names, 1, others.length);
        Tables base = Tables.of(warehouse, snapshot, names);
        if (base.missing()) {
            return base;
        }
        java.util.List<String> tables = new java.util.ArrayList<>(base.names());
        tables.set(0, visitsByProgramme(warehouse, snapshot).orElseThrow());
        return new Tables(tables, false);
    }

    public static Optional<String> districtsByYear(Warehouse warehouse, Snapshot snapshot) {
        return warehouse.derived(snapshot, "districts_by_year", "visits_monthly", DISTRICTS_BY_YEAR);
    }
}
