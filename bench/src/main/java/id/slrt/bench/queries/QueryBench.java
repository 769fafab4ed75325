package id.slrt.bench.queries;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import id.slrt.dashboard.filters.FilterOptions;
import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.national.NationalService;
import id.slrt.dashboard.operations.OperationsService;
import id.slrt.dashboard.quality.QualityService;
import id.slrt.dashboard.reach.ReachService;
import id.slrt.dashboard.referrals.ReferralsService;
import id.slrt.dashboard.visits.VisitsService;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.warehouse.ScopedQuery;
import id.slrt.dashboard.warehouse.Warehouse;
import id.slrt.dashboard.warehouse.WarehouseProperties;
import id.slrt.etl.Folders;

/**
 * Times every query the dashboard's views issue, through the dashboard's own services, over a national
 * warehouse ({@link BigWarehouse}: 10 years x 514 districts x all programmes), warm: each query runs
 * under four filter sets (national last year, a province over two years, a district and programme, the
 * whole ten years) in turn. Prints p50/p95 per query, each also as a ratio of one full scan of
 * visits_monthly measured in the same run (the machine is noisy), and last {@code max p95: N ms}.
 */
public final class QueryBench {

    /** @param warehouse an existing warehouse to read; null: write a national one into a temp folder */
    public record Options(Path warehouse, int rounds, Path reference) {
        public static Options parse(String[] args) {
            Path warehouse = null;
            int rounds = 25;
            Path reference = Path.of("data/reference");
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
                }
                switch (args[i]) {
                    case "--warehouse" -> warehouse = Path.of(args[i + 1]);
                    case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                    case "--reference" -> reference = Path.of(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1");
            }
            return new Options(warehouse, rounds, reference);
        }
    }

    /** One query's timings in milliseconds. */
    public record Timing(String query, double p50, double p95) {
    }

    private QueryBench() {
    }

    public static List<Timing> run(Options options, PrintStream out) throws Exception {
        Path root = options.warehouse();
        Path temp = null;
        if (root == null) {
            temp = Files.createTempDirectory("slrt-bench-queries-");
            root = temp;
            long start = System.nanoTime();
            Path snapshot = BigWarehouse.write(root, options.reference());
            out.printf(Locale.ROOT, "wrote a national warehouse in %.1f s: visits_monthly %,d rows, %.1f MB of Parquet%n",
                    (System.nanoTime() - start) / 1e9, BigWarehouse.rowCounts(snapshot).get("visits_monthly"),
                    BigWarehouse.parquetBytes(snapshot) / 1e6);
        }
        // The services serve a signed-in user: an administrator sees every region and the operations.
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "bench", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        try (Warehouse warehouse = new Warehouse(new WarehouseProperties(root))) {
            return time(warehouse, options.rounds(), out);
        } finally {
            SecurityContextHolder.clearContext();
            if (temp != null) {
                Folders.delete(temp);
            }
        }
    }

    private static List<Timing> time(Warehouse warehouse, int rounds, PrintStream out) {
        Snapshot snapshot = warehouse.currentSnapshot().orElseThrow(
                () -> new IllegalStateException("no snapshot in " + warehouse.root()));
        ScopedQuery sql = new ScopedQuery(warehouse);
        FilterService filterService = new FilterService(sql);
        NationalService national = new NationalService(sql, new id.slrt.dashboard.alerts.AlertsService(sql));
        VisitsService visits = new VisitsService(warehouse, sql);
        ReferralsService referrals = new ReferralsService(sql);
        QualityService quality = new QualityService(sql);
        ReachService reach = new ReachService(sql);
        OperationsService operations = new OperationsService(sql);

        // Cold: the first page after a new snapshot loads its tables into DuckDB's memory.
        long coldStart = System.nanoTime();
        for (String table : List.of("visits_monthly", "referrals_monthly", "referral_backlog", "regions",
                "quality_monthly", "quarantine_monthly", "district_activity", "people_yearly", "poverty", "runs",
                "snapshot")) {
            sql.has(snapshot, table);
        }
        FilterOptions options = filterService.options(snapshot);
        out.printf(Locale.ROOT, "cold: the snapshot's tables loaded into DuckDB in %.1f s (once per snapshot)%n",
                (System.nanoTime() - coldStart) / 1e9);

        YearMonth last = options.last();
        String province = options.provinces().getFirst().code();
        String district = options.districts().getFirst().code();
        List<Filters> filterSets = List.of(
                options.complete(Filters.NONE),
                new Filters(last.minusMonths(23), last, province, null, null),
                new Filters(last.minusMonths(11), last, district.substring(0, 2), district, "KIS"),
                new Filters(options.first(), last, null, null, null));

        Map<String, Consumer<Filters>> queries = new LinkedHashMap<>();
        RegionScope.Scoped everything = RegionScope.current().enforce(Filters.NONE);
        queries.put("baseline: full scan of visits_monthly", f -> sql.sql(snapshot, everything,
                "SELECT sum(visits) FROM {visits_monthly} WHERE {region}").read(rows -> rows.next(), false));
        queries.put("filters: options", f -> filterService.options(snapshot));
        queries.put("national: totals", f -> national.totals(snapshot, f));
        queries.put("national: monthly", f -> national.monthly(snapshot, f));
        queries.put("national: coverage", f -> national.coverage(snapshot, f));
        queries.put("national: ranking", f -> national.ranking(snapshot, f));
        queries.put("district: overview", f -> visits.overview(f.district() == null ? district : f.district(), f.to().getYear()));
        queries.put("district: all years", f -> visits.allYears(f.district() == null ? district : f.district()));
        queries.put("district: breakdown", f -> visits.breakdown(f.district() == null ? district : f.district(), f.to().getYear()));
        queries.put("referrals: outcomes", f -> referrals.outcomes(snapshot, f));
        queries.put("referrals: trend", f -> referrals.trend(snapshot, f));
        queries.put("referrals: backlog", f -> referrals.backlog(snapshot, f));
        queries.put("quality: reasons", f -> quality.reasons(snapshot, f));
        queries.put("quality: trend", f -> quality.trend(snapshot, f));
        queries.put("quality: districts", f -> quality.districts(snapshot, f));
        queries.put("quality: silent districts", f -> quality.silent(snapshot, f, last));
        queries.put("reach: districts", f -> reach.reach(snapshot, f, f.to().getYear()));
        queries.put("operations: runs", f -> operations.runs(snapshot));
        queries.put("operations: snapshot", f -> operations.built(snapshot));

        // Warm-up: one pass of everything (JIT, DuckDB's first plans).
        queries.values().forEach(q -> filterSets.forEach(q));

        List<Timing> timings = new ArrayList<>();
        for (Map.Entry<String, Consumer<Filters>> query : queries.entrySet()) {
            double[] ms = new double[rounds * filterSets.size()];
            int i = 0;
            for (int round = 0; round < rounds; round++) {
                for (Filters f : filterSets) {
                    long start = System.nanoTime();
                    query.getValue().accept(f);
                    ms[i++] = (System.nanoTime() - start) / 1e6;
                }
            }
            Arrays.sort(ms);
            timings.add(new Timing(query.getKey(), percentile(ms, 0.50), percentile(ms, 0.95)));
        }
        double baseline = timings.getFirst().p50();
        out.printf(Locale.ROOT, "%-40s %9s %9s %11s%n", "query (" + rounds * filterSets.size() + " runs each)", "p50 ms",
                "p95 ms", "p95/scan");
        for (Timing t : timings) {
            out.printf(Locale.ROOT, "%-40s %9.2f %9.2f %11.2f%n", t.query(), t.p50(), t.p95(), t.p95() / baseline);
        }
        double max = timings.stream().skip(1).mapToDouble(Timing::p95).max().orElse(0);
        out.printf(Locale.ROOT, "max p95: %.0f ms%n", Math.ceil(max));
        return timings;
    }

    /** Nearest rank. */
    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
