package id.slrt.bench;

import id.slrt.bench.etl.EtlBench;
import id.slrt.bench.queries.QueryBench;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Command line entry point of the benchmarks: {@code etl} (the Spark ETL against one plain DuckDB
 * statement on the same generated exports) and {@code queries} (every query of the dashboard's views
 * over a national warehouse). Run from the repository root:
 * {@code java -cp "bench/target/slrt-bench.jar:bench/target/lib/*" id.slrt.bench.BenchMain etl --rows N}.
 */
public final class BenchMain {
    static final String USAGE = """
            usage:
              etl [--rows N] [--work DIR] [--keep true] [--reference DIR] [--seed N]
                  generate about N visit rows of sample exports, time the full Spark ETL, the same
                  visits_monthly as one DuckDB statement, and an incremental ETL run of one more month
              queries [--rounds N] [--warehouse DIR] [--reference DIR]
                  time every query the dashboard's views issue, warm, over a national warehouse (10 years x
                  514 districts x all programmes, written into a temp folder unless --warehouse is given)
            defaults: --rows 1000000, --work a new folder under the temp dir (deleted unless --keep true),
                      --reference data/reference, --seed %d, --rounds 25
            """.formatted(EtlBench.Options.DEFAULT_SEED);

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit code: 0 done and the results match, 1 a failed or mismatching run, 2 bad arguments */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "etl" -> EtlBench.run(EtlBench.Options.parse(rest), out).ok() ? 0 : 1;
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
