package id.slrt.bench.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What the dashboard must show, read straight from a snapshot's Parquet with DuckDB rather than through
 * the dashboard's services: accepted visits per district and per province and year. The checks compare
 * the district screen's "Total 2018: 13.750 kunjungan" and the API's monthly visits with these.
 */
final class Expectations {
    private static final String VISITS = """
            SELECT district_code, year, CAST(sum(visits) AS BIGINT)
            FROM read_parquet('%s') GROUP BY ALL ORDER BY 1, 2
            """;

    /** Region code (2-digit province or 4-digit district) to year to visits. */
    private final Map<String, Map<Integer, Long>> visits;

    private Expectations(Map<String, Map<Integer, Long>> visits) {
        this.visits = visits;
    }

    static Expectations read(Path snapshotDir) {
        String glob = snapshotDir.toAbsolutePath().resolve("visits_monthly") + "/*.parquet";
        Map<String, Map<Integer, Long>> visits = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = db.createStatement();
             ResultSet r = s.executeQuery(VISITS.formatted(glob.replace("'", "''")))) {
            while (r.next()) {
                String district = r.getString(1);
                int year = r.getInt(2);
                long n = r.getLong(3);
                visits.computeIfAbsent(district, d -> new TreeMap<>()).put(year, n);
                visits.computeIfAbsent(district.substring(0, 2), p -> new TreeMap<>()).merge(year, n, Long::sum);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read visits_monthly of " + snapshotDir, e);
        }
        if (visits.isEmpty()) {
            throw new IllegalStateException("no visits in " + snapshotDir);
        }
        return new Expectations(visits);
    }

    /** Accepted visits of a province or district in a year; empty when it has none. */
    OptionalLong visits(String region, int year) {
        Long n = visits.getOrDefault(region, Map.of()).get(year);
        return n == null || n == 0 ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /** Provinces (2 digits) or districts (4 digits) with visits in the year that the user may see. */
    List<String> regions(int digits, int year, DemoUser user) {
        return visits.keySet().stream()
                .filter(code -> code.length() == digits && user.sees(code) && visits(code, year).isPresent())
                .toList();
    }

    /** Whether both snapshots hold the same visits for every region in the given years. */
    boolean sameVisits(Expectations other, List<Integer> years) {
        for (String region : union(visits.keySet(), other.visits.keySet())) {
            for (int year : years) {
                if (!Objects.equals(visits(region, year), other.visits(region, year))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
