package id.slrt.bench.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.slrt.bench.BenchMain;

/** The query benchmark runs every view's queries over a national warehouse and ends with its figure. */
class QueryBenchTest {

    @Test
    void timesEveryQueryOfTheViewsAndEndsWithTheMaxP95(@TempDir Path dir) throws Exception {
        BigWarehouse.write(dir, Path.of("../data/reference"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<QueryBench.Timing> timings = QueryBench.run(new QueryBench.Options(dir, 1, Path.of("../data/reference")),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(timings).extracting(QueryBench.Timing::query).contains("national: ranking", "district: overview",
                "referrals: outcomes", "quality: silent districts", "reach: districts", "operations: runs");
        assertThat(timings).allSatisfy(t -> assertThat(t.p95()).isGreaterThanOrEqualTo(t.p50()));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getLast()).matches("max p95: \\d+ ms");
    }

    @Test
    void badArgumentsExitWith2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchMain.run(new String[] {"queries", "--rounds", "0"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rounds must be at least 1");
    }
}
