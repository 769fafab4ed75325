package id.slrt.etl.samples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The referrals of one district's year of sample visits. Each referral state (DIRUJUK, DIPROSES, then
 * SELESAI or DITOLAK) goes into the export of the month of its status date, as the SLRT application
 * exports them: a referral appears again in later months' files as its status moves. About half are
 * completed (the 2016-2018 reports); some are still in process at the end of the generated period.
 */
final class Referrals {
    static final String HEADER = "id_rujukan,id_kunjungan,tanggal_rujukan,instansi_tujuan,program,status,tanggal_status,alasan";

    private final SplittableRandom random;
    private final LocalDate horizon;
    private final Map<YearMonth, List<String>> byMonth = new TreeMap<>();
    private long states;

    Referrals(SplittableRandom random, LocalDate horizon) {
        this.random = random;
        this.horizon = horizon;
    }

    /** Half of the visits asking for a programme (not just information) are referred. */
    void maybeRefer(String visitId, LocalDate visitDate, String programme) {
        if ("INFORMASI".equals(programme) || random.nextDouble() >= 0.5) {
            return;
        }
        String id = "R" + visitId;
        LocalDate referred = visitDate.plusDays(random.nextInt(3));
        String agency = agency(programme);
        // Days to an outcome: log-normal, median about 12 days, 90th percentile about a month.
        long days = Math.max(1, Math.round(Math.exp(Math.log(12) + 0.8 * random.nextGaussian())));
        double outcome = random.nextDouble();
        add(id, visitId, referred, agency, programme, "DIRUJUK", referred, "");
        if (days >= 3) {
            add(id, visitId, referred, agency, programme, "DIPROSES", referred.plusDays(days / 3), "");
        }
        if (outcome < 0.55) {
            add(id, visitId, referred, agency, programme, "SELESAI", referred.plusDays(days), "");
        } else if (outcome < 0.65) {
            add(id, visitId, referred, agency, programme, "DITOLAK", referred.plusDays(days), "tidak memenuhi syarat");
        }
        // The rest stays in process: the open backlog.
    }

    private void add(String id, String visitId, LocalDate referred, String agency, String programme, String status,
                     LocalDate statusDate, String reason) {
        if (statusDate.isAfter(horizon)) {
            return; // has not happened yet in the generated period
        }
        byMonth.computeIfAbsent(YearMonth.from(statusDate), m -> new ArrayList<>()).add(SampleGenerator.csvLine(
                new String[]{id, visitId, referred.toString(), agency, programme, status, statusDate.toString(), reason}));
        states++;
    }

    long states() {
        return states;
    }

    /** Appends the states to the district's monthly referral files; returns how many files were created. */
    int append(Path districtDir, String district) {
        int created = 0;
        try {
            Files.createDirectories(districtDir);
            for (var entry : byMonth.entrySet()) {
                Path file = districtDir.resolve("rujukan_%s_%s.csv".formatted(district, entry.getKey()));
                boolean isNew = !Files.exists(file);
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
                    if (isNew) {
                        w.write(HEADER);
                        w.newLine();
                        created++;
                    }
                    for (String line : entry.getValue()) {
                        w.write(line);
                        w.newLine();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write referrals in " + districtDir, e);
        }
        byMonth.clear();
        return created;
    }

    private String agency(String programme) {
        return switch (programme) {
            case "KIS" -> random.nextDouble() < 0.7 ? "BPJS" : "DINKES";
            case "KIP" -> "DISDIK";
            case "BPNT" -> random.nextDouble() < 0.3 ? "BANK_PENYALUR" : "DINSOS";
            case "PKH" -> random.nextDouble() < 0.2 ? "BANK_PENYALUR" : "DINSOS";
            case "ADMINDUK" -> "DISDUKCAPIL";
            case "SKTM" -> "PEMDES";
            case "LAINNYA" -> "NON_PEMERINTAH";
            default -> "DINSOS";
        };
    }
}
