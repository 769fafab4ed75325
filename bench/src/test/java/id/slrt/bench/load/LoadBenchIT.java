package id.slrt.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.slrt.bench.BenchMain;
import id.slrt.etl.samples.SampleGenerator;
import id.slrt.warehouse.Snapshots;

/**
 * Keeps {@code BenchMain load} from rotting: the whole run, small, against the real dashboard jar (in the
 * reactor the dashboard is packaged before the bench's tests run), as docs/cluster.md deploys it at scale:
 * two instances behind a real nginx, sharing their state through a real database server, one of them stopped
 * half-way. Asserts what the run must show, never its timings.
 */
class LoadBenchIT {
    static final Path DASHBOARD_JAR = Path.of("..", "dashboard", "target", "slrt-dashboard-exec.jar");
    static final Path REFERENCE = Path.of("..", "data", "reference");

    @Test
    void smallLoadOnTwoInstancesBehindNginxOpensEveryScreenSurvivesAStoppedInstanceAndSeesTheNewSnapshot(@TempDir Path dir)
            throws Exception {
        assertThat(DASHBOARD_JAR).as("the dashboard's runnable jar; ./mvnw -pl dashboard package makes it").isRegularFile();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Path work = dir.resolve("work");

        LoadBench.Result result = LoadBench.run(LoadBench.Options.parse(new String[]{
                // Two users per demo account, each through its deck of screens and endpoints more than once.
                "--users", "8", "--seconds", "8", "--think-ms", "100", "--etl-users", "2", "--after-switch-seconds", "2",
                "--scale", "0.001", "--from", "2018", "--to", "2019", "--dashboard-jar", DASHBOARD_JAR.toString(),
                "--reference", REFERENCE.toString(), "--work", work.toString(), "--keep", "true", "--instances", "2"}),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(result.errors()).as(printed).isZero();
        assertThat(result.ok()).as(printed).isTrue();

        // Instance b was stopped half-way: its users found their session gone, signed in again on a, and
        // nothing else failed; both instances' sign-ins are in the one shared audit table.
        Instances.Failover failover = result.failover();
        assertThat(failover).as(printed).isNotNull();
        assertThat(failover.stopped()).isEqualTo("b");
        assertThat(failover.signedInAgain()).as(printed).isPositive();
        assertThat(failover.errorsAfter()).as(printed).isZero();
        assertThat(failover.auditLogins()).as(printed).containsOnlyKeys("a", "b")
                .allSatisfy((instance, logins) -> assertThat(logins).isPositive());
        assertThat(work.resolve("audit-a.log")).as("no audit line fell back to a local file").doesNotExist();
        assertThat(printed).contains("behind nginx");

        List<String> kinds = new ArrayList<>(Workload.viewKinds(true));
        Workload.API_ENDPOINTS.forEach(e -> kinds.add("api /" + e));
        kinds.addAll(List.of("view /login", "sign-in POST /login", "asset", "html", "init", "unload"));
        assertThat(result.main().keySet()).as(printed).containsAll(kinds);
        assertThat(result.main().values()).allSatisfy(s -> assertThat(s.count()).isPositive());
        assertThat(result.mainActions().count()).isGreaterThanOrEqualTo(kinds.size());

        // The views ran their queries: every district screen showed the total DuckDB reads from the snapshot.
        assertThat(result.checks().get("district screen total = DuckDB's"))
                .isEqualTo(result.main().get("view /kabupaten").count());
        // ... and those totals are the warehouse's: Kab. Sleman 2018 is the generator's published fact.
        Path snapshot = new Snapshots(work.resolve("warehouse")).currentDir().orElseThrow();
        assertThat(Expectations.read(snapshot).visits(SampleGenerator.SLEMAN, 2018))
                .hasValue(SampleGenerator.SLEMAN_2018_VISITS);

        LoadBench.EtlPhase etl = result.etl();
        assertThat(etl.errors()).as(printed).isZero();
        assertThat(etl.newSnapshot()).isNotEqualTo(etl.oldSnapshot()).isEqualTo(snapshot.getFileName().toString());
        assertThat(etl.switched()).as("the health endpoint reported the new snapshot").isTrue();
        assertThat(etl.apiSwitchSeconds()).as("an API answer came from the new snapshot").isNotNull();
        assertThat(etl.checkedYearsUnchanged()).isTrue();
        assertThat(etl.actions().count()).isPositive();

        List<String> lines = printed.lines().toList();
        assertThat(lines.getLast()).isEqualTo(result.lastLine()).matches("p95: \\d+ ms, errors: 0");
    }

    @Test
    void badArgumentsExitWithTwo(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path missing = dir.resolve("no.jar");
        String[] jar = {"--dashboard-jar", DASHBOARD_JAR.toString(), "--reference", REFERENCE.toString()};

        assertThat(BenchMain.run(new String[]{"load", "--users", "0", jar[0], jar[1], jar[2], jar[3]}, out, errStream)).isEqualTo(2);
        assertThat(BenchMain.run(new String[]{"load", "--from", "2019", "--to", "2019", jar[0], jar[1], jar[2], jar[3]}, out,
                errStream)).isEqualTo(2);
        assertThat(BenchMain.run(new String[]{"load", "--dashboard-jar", missing.toString()}, out, errStream)).isEqualTo(2);
        assertThat(BenchMain.run(new String[]{"load", "--userz", "5"}, out, errStream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--users must be", "--from must be", "dashboard jar not found",
                "unknown option --userz");
    }
}
