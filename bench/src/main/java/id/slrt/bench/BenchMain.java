package id.slrt.bench;

import id.slrt.bench.etl.EtlBench;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Command line entry point of the benchmarks: {@code etl} (the Spark ETL against one plain DuckDB
 * statement on the same generated exports). Run from the repository root:
 * {@code java -cp "bench/target/slrt-bench.jar:bench/target/lib/*" id.slrt.bench.BenchMain etl --rows N}.
 */
public final class BenchMain {
    static final String USAGE = """
            usage:
              etl [--rows N] [--work DIR] [--keep true] [--reference DIR] [--seed N]
                  generate about N visit rows of sample exports, time the full Spark ETL, the same
                  visits_monthly as one DuckDB statement, and an incremental ETL run of one more month
            defaults: --rows 1000000, --work a new folder under the temp dir (deleted unless --keep true),
                      --reference data/reference, --seed %d
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
        EtlBench.Options options;
        try {
            options = switch (args[0]) {
                case "etl" -> EtlBench.Options.parse(rest);
                default -> throw new IllegalArgumentException("unknown benchmark '" + args[0] + "'");
            };
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return EtlBench.run(options, out).ok() ? 0 : 1;
        } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown without a declaration
            err.println("benchmark failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }
}
