package id.slrt.bench.etl;

import id.slrt.bench.BenchMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps {@code BenchMain etl} from rotting: the whole benchmark on a tiny sample. */
class EtlBenchTest {
    static final Path REFERENCE = Path.of("..", "data", "reference");

    /** The smallest sample the bench allows (--rows 1000 gives the full-volume districts' first year: some 20,000 rows). */
    @Test
    void tinyRunMatchesDuckDbSameWorkAndEndsWithTheRatioLine(@TempDir Path dir) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Path work = dir.resolve("work");

        EtlBench.Result result = EtlBench.run(EtlBench.Options.parse(new String[]{
                "--rows", "1000", "--work", work.toString(), "--reference", REFERENCE.toString()}), out);

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(result.ok()).as(printed).isTrue();
        assertThat(result.sameWorkMatches()).as(printed).isTrue();
        assertThat(result.rows()).isPositive();
        assertThat(printed).contains(
                "rows read/accepted/quarantined Spark = DuckDB same-work, full run:    yes",
                "rows read/accepted/quarantined Spark = DuckDB same-work, incremental: yes",
                "visits_monthly Spark = DuckDB same-work, full run:    yes",
                "referrals_monthly Spark = DuckDB same-work, full run:    yes",
                "visits_monthly Spark = DuckDB same-work, incremental: yes",
                "referrals_monthly Spark = DuckDB same-work, incremental: yes",
                "one-statement baseline: ", "peak disk of the work folder");
        assertThat(printed).containsPattern("DUPLICATE=\\d+").containsPattern("UNKNOWN_REGION=\\d+");
        String[] lines = printed.strip().split("\\R");
        assertThat(lines[lines.length - 1]).isEqualTo(result.lastLine()).matches(
                "ratio spark/duckdb: \\d+\\.\\d{2}, ratio spark/duckdb-same-work: \\d+\\.\\d{2}, incremental/full: \\d+\\.\\d{2}");
        assertThat(work).as("deleted without --keep true").doesNotExist();
    }

    @Test
    void badArgumentsExitWithTwo(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("something"), "x");

        assertThat(BenchMain.run(new String[]{"nosuch"}, out, errStream)).isEqualTo(2);
        assertThat(BenchMain.run(new String[]{"etl", "--rows", "many"}, out, errStream)).isEqualTo(2);
        assertThat(BenchMain.run(new String[]{"etl", "--work", dir.toString(), "--reference", REFERENCE.toString()}, out,
                errStream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown benchmark 'nosuch'", "not empty");
        assertThat(dir.resolve("something")).exists();
    }
}
