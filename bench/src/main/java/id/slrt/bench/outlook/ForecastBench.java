package id.slrt.bench.outlook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.SparkSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.outlook.OutlookService;
import id.slrt.dashboard.warehouse.ScopedQuery;
import id.slrt.dashboard.warehouse.Warehouse;
import id.slrt.dashboard.warehouse.WarehouseProperties;
import id.slrt.etl.Etl;
import id.slrt.etl.Folders;
import id.slrt.etl.SparkSessions;
import id.slrt.etl.regions.Regions;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.warehouse.Snapshots;

/**
 * {@code ./slrt bench forecast}: the outlook's model backtested on the sample. The sample (messy exports
 * with referrals, as the demo's) goes through the real ETL; its last twelve months are held out; every
 * district's visits (in all programmes and per programme) and referrals made are forecast from the
 * months before by the dashboard's own {@link OutlookService} (its SQL over the Parquet, its model) and by
 * seasonal naive (each month as the same month a year before), and both are compared with what happened.
 *
 * <p>MASE here is the mean absolute error of the model over that of seasonal naive, pooled over every
 * series and held-out month (below 1.0: better than seasonal naive); coverage80 is the share of held-out
 * months inside the model's 80% interval (0.80 is exact).
 */
public final class ForecastBench {

    /** What the product forecasts: visits in all programmes, per programme, referrals made. */
    static final List<String> KINDS = List.of("visits, all programmes", "visits by programme", "referrals made");

    public record Options(Path work, boolean keep, Path reference, long seed, double scale, int fromYear, int toYear) {

        public static Options parse(String[] args) {
            Map<String, String> o = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
                }
                o.put(args[i].substring(2), args[i + 1]);
            }
            List<String> known = List.of("work", "keep", "reference", "seed", "scale", "from", "to");
            o.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException("unknown option --" + k);
            });
            try {
                Options options = new Options(o.containsKey("work") ? Path.of(o.get("work")) : null,
                        Boolean.parseBoolean(o.getOrDefault("keep", "false")),
                        Path.of(o.getOrDefault("reference", "data/reference")),
                        Long.parseLong(o.getOrDefault("seed", String.valueOf(SampleGenerator.Options.DEFAULT_SEED))),
                        Double.parseDouble(o.getOrDefault("scale", String.valueOf(SampleGenerator.Options.DEFAULT_SCALE))),
                        Integer.parseInt(o.getOrDefault("from", "2016")), Integer.parseInt(o.getOrDefault("to", "2019")));
                if (options.toYear() - options.fromYear() < 2) {
                    throw new IllegalArgumentException("--from and --to must span three years at least (two to fit, one held out)");
                }
                if (!(options.scale() > 0 && options.scale() <= 1)) {
                    throw new IllegalArgumentException("--scale must be above 0 and at most 1");
                }
                return options;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + e.getMessage());
            }
        }
    }

    /** @param ok the targets are met: MASE below 1.0, coverage80 from 0.75 to 0.85 */
    public record Result(double mase, double coverage80, long points, int series, boolean ok, String lastLine) {
    }

    /** Absolute errors of the model and of seasonal naive, and the months inside the interval. */
    private static final class Score {
        double model;
        double naive;
        long points;
        long covered;
        int series;

        void add(Score other) {
            model += other.model;
            naive += other.naive;
            points += other.points;
            covered += other.covered;
            series += other.series;
        }
    }

    private ForecastBench() {
    }

    public static Result run(Options options, PrintStream out) throws IOException, SQLException {
        Path work = options.work() != null ? Files.createDirectories(options.work()) : Files.createTempDirectory("slrt-forecast-");
        try {
            Path inbox = work.resolve("inbox");
            SampleGenerator.Summary sample = new SampleGenerator(Regions.load(options.reference())).generate(new SampleGenerator.Options(
                    inbox, options.seed(), options.scale(), options.fromYear(), options.toYear(), true, true));
            out.printf(Locale.ROOT, "sample: %,d visits, %,d referral states, seed %d, scale %s, %d-%d (planted events: %d)%n",
                    sample.visits(), sample.referralStates(), options.seed(), options.scale(), options.fromYear(),
                    options.toYear(), sample.events().size());
            SparkSession spark = SparkSessions.create(SparkSessions.DEFAULT_MASTER);
            try {
                new Etl(spark).run(new Etl.Config(inbox, work.resolve("warehouse"), options.reference(), work.resolve("state"), 2));
            } finally {
                spark.stop();
            }
            return score(work.resolve("warehouse"), options.toYear(), out);
        } finally {
            if (!options.keep()) {
                Folders.delete(work);
            }
        }
    }

    /** The backtest over a published warehouse: the last year held out, forecast by the product's service. */
    static Result score(Path warehouseDir, int lastYear, PrintStream out) throws SQLException {
        int last = lastYear * 12 + 11;
        YearMonth origin = YearMonth.of(lastYear - 1, 12);
        List<OutlookService.Outlook> forecasts;
        // As a national user, through the same service and SQL as the screens and the API.
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "bench", null, List.of(new SimpleGrantedAuthority("ROLE_NATIONAL"))));
        try (Warehouse warehouse = new Warehouse(new WarehouseProperties(warehouseDir))) {
            forecasts = new OutlookService(new ScopedQuery(warehouse)).forecasts(warehouse.currentSnapshot().orElseThrow(),
                    Filters.NONE, origin);
        } finally {
            SecurityContextHolder.clearContext();
        }
        Map<String, Map<String, TreeMap<Integer, Double>>> series = read(new Snapshots(warehouseDir).currentDir().orElseThrow());
        // district | kind -> the twelve forecast months
        Map<String, List<OutlookService.Outlook>> bySeries = new TreeMap<>();
        for (OutlookService.Outlook o : forecasts) {
            String kind = o.measure().equals(OutlookService.REFERRALS) ? OutlookService.REFERRAL_KIND : o.programme() == null ? "" : o.programme();
            bySeries.computeIfAbsent(o.district() + "|" + kind, k -> new ArrayList<>()).add(o);
        }
        Map<String, Score> byKind = new LinkedHashMap<>();
        KINDS.forEach(k -> byKind.put(k, new Score()));
        for (Map.Entry<String, List<OutlookService.Outlook>> e : bySeries.entrySet()) {
            String district = e.getKey().substring(0, e.getKey().indexOf('|'));
            String kind = e.getKey().substring(e.getKey().indexOf('|') + 1);
            TreeMap<Integer, Double> total = series.get(district).get("");
            int first = total.firstKey();
            double[] all = OutlookService.series(series.get(district).getOrDefault(kind, new TreeMap<>()), total, first, last);
            Score score = byKind.get(kind.isEmpty() ? KINDS.get(0) : kind.equals(OutlookService.REFERRAL_KIND) ? KINDS.get(2) : KINDS.get(1));
            score.series++;
            for (OutlookService.Outlook o : e.getValue()) {
                int t = o.month().getYear() * 12 + o.month().getMonthValue() - 1 - first;
                double actual = all[t];
                double naive = t >= 12 ? all[t - 12] : Double.NaN;
                if (Double.isNaN(actual) || Double.isNaN(naive)) {
                    continue; // the district sent nothing that month, or a year before: nothing to compare
                }
                score.model += Math.abs(actual - o.expected());
                score.naive += Math.abs(actual - naive);
                score.points++;
                score.covered += actual >= o.low() && actual <= o.high() ? 1 : 0;
            }
        }
        Score all = new Score();
        out.printf(Locale.ROOT, "held out %d-01..%d-12; forecast from %s by the dashboard's OutlookService%n", lastYear,
                lastYear, origin);
        out.printf(Locale.ROOT, "%-24s %7s %9s %13s %13s %6s %11s%n", "series", "count", "months", "MAE model",
                "MAE s. naive", "MASE", "coverage80");
        for (Map.Entry<String, Score> k : byKind.entrySet()) {
            Score s = k.getValue();
            all.add(s);
            out.printf(Locale.ROOT, "%-24s %7d %9d %13.2f %13.2f %6.3f %11.3f%n", k.getKey(), s.series, s.points,
                    s.model / Math.max(1, s.points), s.naive / Math.max(1, s.points), s.model / s.naive,
                    s.covered / (double) Math.max(1, s.points));
        }
        double mase = all.model / all.naive;
        double coverage = all.covered / (double) Math.max(1, all.points);
        boolean ok = all.points > 0 && mase < 1.0 && coverage >= 0.75 && coverage <= 0.85;
        String lastLine = String.format(Locale.ROOT, "MASE: %.3f, coverage80: %.3f", mase, coverage);
        out.printf(Locale.ROOT, "targets: MASE below 1.0, coverage80 from 0.75 to 0.85: %s%n", ok ? "met" : "NOT met");
        out.println(lastLine);
        return new Result(mase, coverage, all.points, all.series, ok, lastLine);
    }

    /** district -> series -> month index -> value: "" visits in all programmes, a programme, "=referrals". */
    private static Map<String, Map<String, TreeMap<Integer, Double>>> read(Path snapshot) throws SQLException {
        Map<String, Map<String, TreeMap<Integer, Double>>> series = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String visits = snapshot.resolve("visits_monthly").toAbsolutePath() + "/*.parquet";
            String referrals = snapshot.resolve("referrals_monthly").toAbsolutePath() + "/*.parquet";
            try (ResultSet rs = st.executeQuery("SELECT district_code, year * 12 + month - 1, programme, sum(visits)::DOUBLE"
                    + " FROM read_parquet('" + visits.replace("'", "''") + "') GROUP BY ALL")) {
                while (rs.next()) {
                    Map<String, TreeMap<Integer, Double>> d = series.computeIfAbsent(rs.getString(1), k -> new TreeMap<>());
                    d.computeIfAbsent(rs.getString(3), k -> new TreeMap<>()).merge(rs.getInt(2), rs.getDouble(4), Double::sum);
                    d.computeIfAbsent("", k -> new TreeMap<>()).merge(rs.getInt(2), rs.getDouble(4), Double::sum);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT district_code, year * 12 + month - 1, sum(referred)::DOUBLE"
                    + " FROM read_parquet('" + referrals.replace("'", "''") + "') GROUP BY ALL")) {
                while (rs.next()) {
                    Map<String, TreeMap<Integer, Double>> d = series.get(rs.getString(1));
                    if (d != null) {
                        d.computeIfAbsent(OutlookService.REFERRAL_KIND, k -> new TreeMap<>()).merge(rs.getInt(2), rs.getDouble(3), Double::sum);
                    }
                }
            }
        }
        return series;
    }
}
