package id.slrt.dashboard.warehouse;

import java.util.Optional;

/**
 * Aggregates of the snapshot's tables that several screens read, computed once per snapshot in DuckDB
 * (see {@link Warehouse#derived}); a query names them {@code {visits_by_programme}} and
 * {@code {districts_by_year}} in {@link ScopedQuery}, so a national query scans hundreds of thousands of rows, not millions.
 */
public final class Rollups {

    /** visits_monthly without the service point and need: district, month (ym) and programme. */
    static final String VISITS_BY_PROGRAMME = """
            SELECT province_code, district_code, year, month, ym, programme, sum(visits) AS visits
            FROM {visits_monthly} GROUP BY ALL ORDER BY ym, district_code
            """;

    /** The districts with visits in each year. */
    static final String DISTRICTS_BY_YEAR = "SELECT DISTINCT year, province_code, district_code FROM {visits_monthly}";

    private Rollups() {
    }

    static Optional<String> visitsByProgramme(Warehouse warehouse, Snapshot snapshot) {
        return warehouse.derived(snapshot, "visits_by_programme", "visits_monthly", VISITS_BY_PROGRAMME);
    }

    static Optional<String> districtsByYear(Warehouse warehouse, Snapshot snapshot) {
        return warehouse.derived(snapshot, "districts_by_year", "visits_monthly", DISTRICTS_BY_YEAR);
    }
}
