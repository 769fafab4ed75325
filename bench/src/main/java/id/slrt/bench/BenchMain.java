package id.slrt.bench;

import id.slrt.bench.etl.EtlBench;
import id.slrt.bench.load.LoadBench;
import id.slrt.bench.outlook.ForecastBench;
import id.slrt.bench.queries.QueryBench;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Command line entry point of the benchmarks: {@code etl} (the Spark ETL against one plain DuckDB
 * statement and against DuckDB doing the same work, on the same generated messy exports), {@code queries} (every query of the dashboard's views
 * over a national warehouse), {@code load} (simulated users on the running dashboard) and {@code forecast}
 * (the outlook's model backtested on the sample). Run from the
 * repository root:
 * {@code java -cp "bench/target/slrt-bench.jar:bench/target/lib/*" id.slrt.bench.BenchMain etl --rows N}.
 */
public final class BenchMain {
    static final String USAGE = """
            usage:
              etl [--rows N] [--work DIR] [--keep true] [--reference DIR] [--seed N]
                  generate about N rows of messy sample exports with referrals, time the full Spark ETL per
                  stage, visits_monthly as one DuckDB statement, DuckDB doing the ETL's work (checks,
                  pseudonyms, quarantine, de-duplication, the tables, compared row for row), and an
                  incremental ETL run of one more month; last line: ratio spark/duckdb: X.XX,
                  ratio spark/duckdb-same-work: Y.YY, incremental/full: Z.ZZ
              queries [--rounds N] [--warehouse DIR] [--reference DIR]
                  time every query the dashboard's views issue, warm, over a national warehouse (10 years x
                  514 districts x all programmes, written into a temp folder unless --warehouse is given)
              load [--users 50] [--seconds 60] [--etl-users 10] [--think-ms 1000] [--api-share 0.3]
                   [--timeout-ms 10000] [--dashboard-jar dashboard/target/slrt-dashboard-exec.jar]
                   [--scale 0.02] [--from 2016] [--to 2019] [--after-switch-seconds 5] [--work DIR] [--keep true]
                  start the dashboard's jar on a free loopback port over a warehouse the ETL builds from sample
                  exports, then N users (each its own session: sign-in, page loads that build the views, API
                  calls) for S seconds; then fewer users while a new month arrives and the ETL publishes a new
                  snapshot; per request kind count, errors, p50/p95/p99; last line: p95: N ms, errors: N
              forecast [--scale 0.05] [--from 2016] [--to 2019] [--seed N] [--work DIR] [--keep true]
                  run the ETL on the sample, hold out its last twelve months, forecast every district's visits
                  (all programmes and per programme) and referrals made with the outlook's model and with
                  seasonal naive; last line: MASE: X (model's mean absolute error / seasonal naive's),
                  coverage80: Y (held-out months inside the 80%% interval)
            defaults: --rows 1000000, --work a new folder under the temp dir (deleted unless --keep true),
                      --reference data/reference, --seed %d, --rounds 25
            """.formatted(EtlBench.Options.DEFAULT_SEED);

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @return the exit code: 0 done and the results match (load: no error, the new snapshot served), 1 a
     *         failed or mismatching run, 2 bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "etl" -> EtlBench.run(EtlBench.Options.parse(rest), out).ok() ? 0 : 1;
                case "load" -> LoadBench.run(LoadBench.Options.parse(rest), out).ok() ? 0 : 1;
                case "forecast" -> ForecastBench.run(ForecastBench.Options.parse(rest), out).ok() ? 0 : 1;
                case "queries" -> {
                    QueryBench.run(QueryBench.Options.parse(rest), out);
                    yield 0;
                }
                default -> throw new IllegalArgumentException("unknown benchmark '" + args[0] + "'");
            };
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown without a declaration
            err.println("benchmark failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }
}
