package id.slrt.etl.samples;

import id.slrt.etl.TestExports;
import id.slrt.etl.regions.Regions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleGeneratorTest {
    private static final Regions REGIONS = Regions.load(TestExports.REFERENCE);

    @Test
    void slemanTwentyEighteenMatchesThePublishedFigures(@TempDir Path dir) {
        new SampleGenerator(REGIONS).generate(new SampleGenerator.Options(dir, 7, 0.01, 2018, 2018));

        Map<Integer, Long> slemanByMonth = new HashMap<>();
        TestExports.countVisits(dir).forEach((key, n) -> {
            String[] k = key.split("\\|");
            if (k[0].equals("3404") && k[1].equals("2018")) {
                slemanByMonth.merge(Integer.parseInt(k[2]), n, Long::sum);
            }
        });
        assertThat(slemanByMonth.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(13_750);
        assertThat(slemanByMonth.get(6)).isEqualTo(3_416);
        assertThat(slemanByMonth).allSatisfy((month, n) -> {
            if (month != 6) {
                assertThat(n).isLessThan(3_416);
            }
        });
    }

    @Test
    void sameSeedWritesTheSameBytesAndAnotherSeedDoesNot(@TempDir Path dir) throws Exception {
        var generator = new SampleGenerator(REGIONS);
        generator.generate(new SampleGenerator.Options(dir.resolve("a"), 42, 0.01, 2017, 2017));
        generator.generate(new SampleGenerator.Options(dir.resolve("b"), 42, 0.01, 2017, 2017));
        generator.generate(new SampleGenerator.Options(dir.resolve("c"), 43, 0.01, 2017, 2017));

        assertThat(digest(dir.resolve("a"))).isEqualTo(digest(dir.resolve("b")));
        assertThat(digest(dir.resolve("a"))).isNotEqualTo(digest(dir.resolve("c")));
    }

    @Test
    void theEventsPlantedInTheLastYearChangeOnlyTheirOwnDistrictsAndNothingLeaksIntoTheNextSample(@TempDir Path dir)
            throws Exception {
        var generator = new SampleGenerator(REGIONS);
        var first = generator.generate(new SampleGenerator.Options(dir.resolve("a"), 42, 0.005, 2016, 2018));
        var second = generator.generate(new SampleGenerator.Options(dir.resolve("b"), 42, 0.005, 2016, 2018));

        assertThat(first.events()).extracting(PlantedEvents.Event::kind).containsExactlyInAnyOrder(PlantedEvents.Kind.values());
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(digest(dir.resolve("b"))).isEqualTo(digest(dir.resolve("a")));
        // Every district running in the last year sends its months, but the one that stops exporting.
        java.util.Set<String> stopped = first.events().stream().filter(e -> e.kind() == PlantedEvents.Kind.STOPPED_EXPORTING)
                .map(PlantedEvents.Event::district).collect(java.util.stream.Collectors.toSet());
        try (Stream<Path> folders = Files.list(dir.resolve("a"))) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                if (!stopped.contains(folder.getFileName().toString())) {
                    try (Stream<Path> files = Files.list(folder)) {
                        assertThat(files.map(f -> f.getFileName().toString())).as(folder.toString())
                                .anyMatch(name -> name.startsWith("kunjungan_") && name.contains("_2018-1"));
                    }
                }
            }
        }
    }

    @Test
    void activeDistrictsFollowTheRollOutAndUseRealCodes(@TempDir Path dir) throws IOException {
        var summary = new SampleGenerator(REGIONS).generate(new SampleGenerator.Options(dir, 1, 0.005, 2016, 2018));

        assertThat(summary.districts()).isEqualTo(138);
        try (Stream<Path> folders = Files.list(dir)) {
            // One folder per district (beside them the generator's manifest, .slrt-sample).
            assertThat(folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList())
                    .hasSize(138)
                    .allSatisfy(code -> assertThat(REGIONS.get(code)).as(code).isNotNull());
        }
        assertThat(SampleGenerator.activeDistricts(2016)).isEqualTo(50);
        assertThat(SampleGenerator.activeDistricts(2017)).isEqualTo(78);
    }

    @Test
    void desksAreClosedOnSundaysAndHolidaysAndBusiestOnMonday(@TempDir Path dir) throws IOException {
        new SampleGenerator(REGIONS).generate(new SampleGenerator.Options(dir, 5, 0.01, 2018, 2018));
        Map<java.time.DayOfWeek, Long> byWeekday = new java.util.EnumMap<>(java.time.DayOfWeek.class);
        java.util.Set<java.time.LocalDate> days = new java.util.HashSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                    java.time.LocalDate day = java.time.LocalDate.parse(line.split(",")[1]);
                    days.add(day);
                    byWeekday.merge(day.getDayOfWeek(), 1L, Long::sum);
                }
            }
        }
        assertThat(byWeekday).doesNotContainKey(java.time.DayOfWeek.SUNDAY);
        // Independence Day, Christmas and the Idul Fitri leave week of 2018 (15 June).
        assertThat(days).doesNotContain(java.time.LocalDate.of(2018, 8, 17), java.time.LocalDate.of(2018, 12, 25),
                java.time.LocalDate.of(2018, 6, 13), java.time.LocalDate.of(2018, 6, 18));
        assertThat(byWeekday.get(java.time.DayOfWeek.MONDAY)).isGreaterThan(byWeekday.get(java.time.DayOfWeek.FRIDAY) * 3 / 2);
        assertThat(byWeekday.get(java.time.DayOfWeek.SATURDAY)).isLessThan(byWeekday.get(java.time.DayOfWeek.MONDAY) / 10);
    }

    @Test
    void messyExportsKeepTheCleanRowsAndAddBadOnesWithIdsNoCleanRowHas(@TempDir Path dir) throws IOException {
        var generator = new SampleGenerator(REGIONS);
        var clean = generator.generate(new SampleGenerator.Options(dir.resolve("clean"), 8, 0.01, 2019, 2019, true, false));
        var messy = generator.generate(new SampleGenerator.Options(dir.resolve("messy"), 8, 0.01, 2019, 2019, true, true));

        assertThat(messy.visits()).isEqualTo(clean.visits());
        assertThat(messy.referralStates()).isEqualTo(clean.referralStates());
        assertThat(clean.dirtyRows()).isZero();
        assertThat(messy.dirtyRows()).isPositive();
        // Sleman's clean June 2019 rows are all in the messy export, in its own style.
        List<String> cleanIds = ids(dir.resolve("clean/3404/kunjungan_3404_2019-06.csv"));
        assertThat(cleanIds).isNotEmpty().allSatisfy(id -> assertThat(id).doesNotContain("-X"));
        assertThat(ids(dir.resolve("messy/3404/kunjungan_3404_2019-06.csv"))).containsAll(cleanIds);
    }

    private static List<String> ids(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        String delimiter = lines.get(0).contains(";") ? ";" : ",";
        return lines.subList(1, lines.size()).stream().map(l -> l.split(delimiter)[0]).toList();
    }

    @Test
    void rejectsANonPositiveScale(@TempDir Path dir) {
        assertThatThrownBy(() -> new SampleGenerator.Options(dir, 1, 0, 2018, 2018))
                .hasMessageContaining("--scale");
    }

    private static String digest(Path dir) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update(dir.relativize(file).toString().getBytes());
                md.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
