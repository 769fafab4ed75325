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
        for (Map<String, String> r : visitRows(inbox)) {
            String date = r.get("tanggal_kunjungan");
            String key = r.get("kode_wilayah").substring(0, 4) + "|" + Integer.parseInt(date.substring(0, 4))
                    + "|" + Integer.parseInt(date.substring(5, 7)) + "|" + r.get("program");
            counts.merge(key, 1L, Long::sum);
        }
        return counts;
    }

    /** Every data row of the generated visits files under a folder, as column name to value. */
    private static List<Map<String, String>> visitRows(Path folder) {
        List<Map<String, String>> rows = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(TestExports::isVisitsFile).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                List<String> header = Csv.split(lines.get(0), ',');
                for (String line : lines.subList(1, lines.size())) {
                    List<String> fields = Csv.split(line, ',');
                    Map<String, String> row = new java.util.HashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        row.put(header.get(i), fields.get(i));
                    }
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * Per "year|month|programme|service_point|need" of the files under a folder: "visits people
     * without_nik not_in_dtks", with people = distinct 16-digit NIKs, as counted straight from the CSV.
     */
    public static Map<String, String> visitMeasures(Path folder) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, java.util.Set<String>> people = new TreeMap<>();
        for (Map<String, String> r : visitRows(folder)) {
            String date = r.get("tanggal_kunjungan");
            String key = Integer.parseInt(date.substring(0, 4)) + "|" + Integer.parseInt(date.substring(5, 7))
                    + "|" + r.get("program") + "|" + r.get("lokasi_layanan") + "|" + r.get("kebutuhan");
            String nik = r.get("nik");
            long[] c = counts.computeIfAbsent(key, k -> new long[3]);
            c[0]++;
            if (nik.matches("\\d{16}")) {
                people.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(nik);
            } else {
                c[1]++;
            }
            if (r.get("id_dtks").isBlank()) {
                c[2]++;
            }
        }
        Map<String, String> result = new TreeMap<>();
        counts.forEach((k, c) -> result.put(k, c[0] + " " + people.getOrDefault(k, java.util.Set.of()).size() + " "
                + c[1] + " " + c[2]));
        return result;
    }

    /**
     * Per "district|year": "people returning", people = distinct 16-digit NIKs, returning = of them those
     * with a visit within 183 days after an earlier one (counted in the later visit's year), from the CSV.
     */
    public static Map<String, String> peopleYearly(Path inbox) {
        Map<String, List<String[]>> visitsByPerson = new TreeMap<>(); // district|nik -> [date]
        for (Map<String, String> r : visitRows(inbox)) {
            String nik = r.get("nik");
            if (nik.matches("\\d{16}")) {
                visitsByPerson.computeIfAbsent(r.get("kode_wilayah").substring(0, 4) + "|" + nik,
                        k -> new java.util.ArrayList<>()).add(new String[]{r.get("tanggal_kunjungan")});
            }
        }
        Map<String, java.util.Set<String>> people = new TreeMap<>();
        Map<String, java.util.Set<String>> returning = new TreeMap<>();
        visitsByPerson.forEach((key, dates) -> {
            String district = key.substring(0, 4);
            List<java.time.LocalDate> sorted = dates.stream().map(d -> java.time.LocalDate.parse(d[0])).sorted().toList();
            for (int i = 0; i < sorted.size(); i++) {
                String year = district + "|" + sorted.get(i).getYear();
                people.computeIfAbsent(year, k -> new java.util.HashSet<>()).add(key);
                if (i > 0 && java.time.temporal.ChronoUnit.DAYS.between(sorted.get(i - 1), sorted.get(i)) <= 183) {
                    returning.computeIfAbsent(year, k -> new java.util.HashSet<>()).add(key);
                }
            }
        });
        Map<String, String> result = new TreeMap<>();
        people.forEach((k, p) -> result.put(k, p.size() + " " + returning.getOrDefault(k, java.util.Set.of()).size()));
        return result;
    }

    /** Adds two "a b c d" measure strings (for rows added by hand to a generated inbox). */
    public static String addMeasures(String a, String b) {
        String[] x = a.split(" ");
        String[] y = b.split(" ");
        StringBuilder sum = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            sum.append(i == 0 ? "" : " ").append(Long.parseLong(x[i]) + Long.parseLong(y[i]));
        }
        return sum.toString();
    }

    /** The generator names its files kunjungan_... (visits) and rujukan_... (referrals). */
    static boolean isVisitsFile(Path p) {
        return p.getFileName().toString().startsWith("kunjungan") && p.toString().endsWith(".csv");
    }

    /**
     * Referrals in their latest state (by status date), counted straight from the generated rujukan
     * files: "district|year|month|programme|agency" to "referred completed declined open". The district
     * is the first four characters of the generator's visit ids. Also "within_sla p50 p90" of the days
     * from referral to completion (percentiles interpolated between the nearest ranks, 1 decimal).
     */
    public static Map<String, String> referralOutcomes(Path inbox, int slaDays) {
        Map<String, String[]> latest = latestReferralStates(inbox);
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, List<Long>> days = new TreeMap<>();
        for (String[] r : latest.values()) {
            String key = r[1].substring(0, 4) + "|" + Integer.parseInt(r[2].substring(0, 4)) + "|"
                    + Integer.parseInt(r[2].substring(5, 7)) + "|" + r[4] + "|" + r[3];
            long[] c = counts.computeIfAbsent(key, k -> new long[4]);
            c[0]++;
            switch (r[5]) {
                case "SELESAI" -> {
                    c[1]++;
                    long d = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.parse(r[2]),
                            java.time.LocalDate.parse(r[6]));
                    days.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(d);
                }
                case "DITOLAK" -> c[2]++;
                default -> c[3]++;
            }
        }
        Map<String, String> result = new TreeMap<>();
        counts.forEach((k, c) -> {
            List<Long> d = days.getOrDefault(k, List.of()).stream().sorted().toList();
            long within = d.stream().filter(x -> x <= slaDays).count();
            result.put(k, c[0] + " " + c[1] + " " + c[2] + " " + c[3] + " " + within + " " + percentile(d, 0.5)
                    + " " + percentile(d, 0.9));
        });
        return result;
    }

    /**
     * Open referrals at each month end by age band, from the latest states in the rujukan files:
     * "district|year|month|band" to count.
     */
    public static Map<String, Long> referralBacklog(Path inbox) {
        Map<String, String[]> latest = latestReferralStates(inbox);
        java.time.LocalDate last = latest.values().stream()
                .flatMap(r -> Stream.of(java.time.LocalDate.parse(r[2]), java.time.LocalDate.parse(r[6])))
                .max(java.util.Comparator.naturalOrder()).orElseThrow();
        Map<String, Long> backlog = new TreeMap<>();
        for (String[] r : latest.values()) {
            java.time.LocalDate referred = java.time.LocalDate.parse(r[2]);
            java.time.LocalDate status = java.time.LocalDate.parse(r[6]);
            boolean closed = r[5].equals("SELESAI") || r[5].equals("DITOLAK");
            for (var m = java.time.YearMonth.from(referred); !m.isAfter(java.time.YearMonth.from(last)); m = m.plusMonths(1)) {
                java.time.LocalDate end = m.atEndOfMonth();
                if (closed && !status.isAfter(end)) {
                    break;
                }
                long age = java.time.temporal.ChronoUnit.DAYS.between(referred, end);
                String band = age <= 30 ? "0-30" : age <= 90 ? "31-90" : ">90";
                backlog.merge(r[1].substring(0, 4) + "|" + m.getYear() + "|" + m.getMonthValue() + "|" + band, 1L, Long::sum);
            }
        }
        return backlog;
    }

    private static Map<String, String[]> latestReferralStates(Path inbox) {
        Map<String, String[]> latest = new TreeMap<>();
        try (Stream<Path> files = Files.walk(inbox)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("rujukan")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = Csv.split(line, ',').toArray(String[]::new);
                    latest.merge(f[0], f, (a, b) -> b[6].compareTo(a[6]) > 0 ? b : a);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return latest;
    }

    /** Linear interpolation between the closest ranks, as Spark's exact percentile; "null" for none. */
    public static String percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return "null";
        }
        double position = p * (sorted.size() - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        double value = sorted.get(low) + (position - low) * (sorted.get(high) - sorted.get(low));
        return String.format(java.util.Locale.ROOT, "%.1f", value);
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
