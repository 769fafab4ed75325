package id.slrt.etl.regions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The Kemendagri region reference (data/reference/regions.csv and villages.csv.gz): which codes exist,
 * and what they are called.
 */
public final class Regions {
    public static final String REGIONS_FILE = "regions.csv";
    public static final String VILLAGES_FILE = "villages.csv.gz";

    private final Map<String, Region> byCode;
    private final Path referenceDir;

    private Regions(Map<String, Region> byCode, Path referenceDir) {
        this.byCode = byCode;
        this.referenceDir = referenceDir;
    }

    public static Regions load(Path referenceDir) {
        Path file = referenceDir.resolve(REGIONS_FILE);
        Map<String, Region> regions = new LinkedHashMap<>();
        readCsv(file, row -> {
            Region region = new Region(row.get("code"), row.get("level"), row.get("type"), row.get("name"),
                    row.get("name_full"), row.get("province_code"), row.get("province_name"));
            regions.put(region.code(), region);
        });
        if (regions.isEmpty()) {
            throw new IllegalStateException("no regions in " + file);
        }
        return new Regions(Collections.unmodifiableMap(regions), referenceDir);
    }

    public Path referenceDir() {
        return referenceDir;
    }

    public Path regionsFile() {
        return referenceDir.resolve(REGIONS_FILE);
    }

    public Region get(String code) {
        return byCode.get(code);
    }

    public List<Region> all() {
        return List.copyOf(byCode.values());
    }

    public List<Region> districts() {
        return byCode.values().stream().filter(Region::isDistrict).toList();
    }

    /** Villages (desa/kelurahan) per district code, read on demand: the file has 83,762 of them. */
    public Map<String, List<Village>> villagesByDistrict() {
        Map<String, List<Village>> villages = new LinkedHashMap<>();
        readCsv(referenceDir.resolve(VILLAGES_FILE), row -> {
            if ("DESA_KELURAHAN".equals(row.get("level"))) {
                villages.computeIfAbsent(row.get("regency_code"), k -> new ArrayList<>())
                        .add(new Village(row.get("code"), row.get("name"), row.get("regency_code")));
            }
        });
        return villages;
    }

    private static void readCsv(Path file, Consumer<Map<String, String>> rowConsumer) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("reference file not found: " + file.toAbsolutePath());
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = Csv.split(reader.readLine(), ',');
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = Csv.split(line, ',');
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < fields.size() ? fields.get(i) : "");
                }
                rowConsumer.accept(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference file " + file, e);
        }
    }

    @Override
    public String toString() {
        return byCode.values().stream().collect(Collectors.groupingBy(Region::level, Collectors.counting())).toString();
    }
}
