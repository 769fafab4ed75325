package id.slrt.etl.samples;

import id.slrt.etl.Etl;
import id.slrt.etl.TestExports;
import id.slrt.etl.TestSpark;
import id.slrt.etl.TestWarehouse;
import id.slrt.etl.regions.Regions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sample data or real exports: what the generator wrote is sample data until anything else enters the
 * inbox; the snapshot says which, and real exports need the deployment's pseudonym key.
 */
class SampleManifestTest {
    private static final Regions REGIONS = Regions.load(TestExports.REFERENCE);

    @Test
    void whatTheGeneratorWroteIsSampleDataUntilARealExportOrAnEditArrives(@TempDir Path dir) throws Exception {
        Path inbox = dir.resolve("inbox");
        new SampleGenerator(REGIONS).generate(new SampleGenerator.Options(inbox, 3, 0.002, 2018, 2018, true, true));
        assertThat(SampleManifest.covers(inbox)).isTrue();

        Path real = TestExports.writeVisits(inbox.resolve("3404").resolve("real.csv"),
                List.of("V-REAL-1,2018-06-04,3404,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,,T,KESEHATAN,KIS"));
        assertThat(SampleManifest.covers(inbox)).isFalse();
        Files.delete(real);
        assertThat(SampleManifest.covers(inbox)).isTrue();

        Path sampleFile;
        try (var files = Files.walk(inbox.resolve("3404"))) {
            sampleFile = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        Files.writeString(sampleFile, "\n", StandardOpenOption.APPEND);
        assertThat(SampleManifest.covers(inbox)).isFalse();
    }

    @Test
    void generatingAgainIntoTheSameFolderKeepsEarlierYearsAsSample(@TempDir Path dir) {
        Path inbox = dir.resolve("inbox");
        new SampleGenerator(REGIONS).generate(new SampleGenerator.Options(inbox, 3, 0.002, 2016, 2016));
        new SampleGenerator(REGIONS).generate(new SampleGenerator.Options(inbox, 3, 0.002, 2017, 2017));

        assertThat(SampleManifest.covers(inbox)).isTrue();
    }

    @Test
    void theSnapshotSaysWhetherItWasBuiltFromSampleDataOnly(@TempDir Path dir) throws Exception {
        Path inbox = dir.resolve("inbox");
        new SampleGenerator(REGIONS).generate(new SampleGenerator.Options(inbox, 5, 0.002, 2018, 2018));
        Etl.Config config = new Etl.Config(inbox, dir.resolve("warehouse"), TestExports.REFERENCE, dir.resolve("state"), 3);
        Etl.Report sample = new Etl(TestSpark.session()).run(config);
        assertThat(sampleFlag(dir, sample)).isEqualTo("true");

        TestExports.writeVisits(inbox.resolve("3404").resolve("real.csv"),
                List.of("V-REAL-1,2018-06-04,3404,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,,T,KESEHATAN,KIS"));
        Etl.Report real = new Etl(TestSpark.session()).run(config);
        assertThat(sampleFlag(dir, real)).isEqualTo("false");
    }

    @Test
    void theCommandLineRefusesRealExportsWithoutAPseudonymKeyAndNamesTheVariable(@TempDir Path dir) throws Exception {
        Path inbox = dir.resolve("inbox");
        TestExports.writeVisits(inbox.resolve("3404").resolve("real.csv"),
                List.of("V-REAL-1,2018-06-04,3404,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,,T,KESEHATAN,KIS"));

        ProcessBuilder etl = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                "id.slrt.etl.EtlMain", "etl", "--inbox", inbox.toString(), "--warehouse", dir.resolve("w").toString(),
                "--state", dir.resolve("state").toString(), "--reference", TestExports.REFERENCE.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        etl.environment().remove("SLRT_PSEUDONYM_KEY");
        Process process = etl.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        String output = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("SLRT_PSEUDONYM_KEY is not set: refusing to run");
        assertThat(dir.resolve("w").resolve("CURRENT")).doesNotExist();
        assertThat(dir.resolve("state").resolve("pseudonym.key")).doesNotExist();
    }

    @Test
    void sampleCheckExitsZeroForSampleDataAndThreeForRealExports(@TempDir Path dir) throws Exception {
        Path inbox = dir.resolve("inbox");
        new SampleGenerator(REGIONS).generate(new SampleGenerator.Options(inbox, 3, 0.002, 2018, 2018));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String[] check = {"sample-check", "--inbox", inbox.toString()};
        assertThat(id.slrt.etl.EtlMainAccess.run(check, print)).isZero();

        TestExports.writeVisits(inbox.resolve("3402").resolve("real.csv"),
                List.of("V-REAL-2,2018-06-04,3402,SEKRETARIAT,DATANG_LANGSUNG,,,,,L,,T,KESEHATAN,KIS"));
        assertThat(id.slrt.etl.EtlMainAccess.run(check, print)).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("sample data:").contains("real exports:");
    }

    private static String sampleFlag(Path dir, Etl.Report report) {
        TestWarehouse warehouse = new TestWarehouse(dir.resolve("warehouse").resolve(report.snapshot()));
        return warehouse.rows("SELECT sample FROM " + warehouse.table("snapshot")).get(0).get(0);
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString() + (File.separatorChar == '\\' ? ".exe" : "");
    }
}
