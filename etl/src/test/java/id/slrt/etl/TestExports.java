package id.slrt.etl;

import id.slrt.etl.regions.Csv;
import id.slrt.etl.visits.VisitExport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads exports in plain Java, independently of Spark, so tests have their own expected numbers. */
public final class TestExports {
    public static final Path REFERENCE = Path.of("../data/reference");

    private TestExports() {
    }

    /** Visits per "district|year|month|programme" as counted straight from the CSV lines. */
    public static Map<String, Long> countVisits(Path inbox) {
        Map<String, Long> counts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(inbox)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                List<String> header = Csv.split(lines.get(0), ',');
                int date = header.indexOf("tanggal_kunjungan");
                int region = header.indexOf("kode_wilayah");
                int programme = header.indexOf("program");
                for (String line : lines.subList(1, lines.size())) {
                    List<String> f = Csv.split(line, ',');
                    String key = f.get(region).substring(0, 4) + "|" + Integer.parseInt(f.get(date).substring(0, 4))
                            + "|" + Integer.parseInt(f.get(date).substring(5, 7)) + "|" + f.get(programme);
                    counts.merge(key, 1L, Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    /** A visits file with the canonical header and the given rows (already comma-joined). */
    public static Path writeVisits(Path file, List<String> rows) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join(",", VisitExport.COLUMNS) + "\n" + String.join("\n", rows) + "\n",
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
