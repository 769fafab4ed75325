package id.slrt.etl.samples;

import java.nio.file.Path;
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
 * exports them: a referral appears again in later months' files as its status moves.
 *
 * <p>Nearly every request for a programme is referred; information requests are answered at the desk.
 * Outcomes and durations depend on the agency: a village letter (SKTM) takes days, a KIS card two weeks,
 * PKH waits for the next quota and is often declined for visitors outside DTKS, house repair (RTLH) waits
 * for the budget. Together about half of all complaints end completed (the 2016-2018 reports).
 */
final class Referrals {
    static final List<String> COLUMNS = List.of("id_rujukan", "id_kunjungan", "tanggal_rujukan", "instansi_tujuan",
            "program", "status", "tanggal_status", "alasan");
    static final double REFERRED_SHARE = 0.95;

    /** A programme's outcome: completed and declined shares, and the median days to an outcome. */
    private record Plan(double completed, double declined, double medianDays) {
    }

    private static final Map<String, Plan> PLANS = Map.ofEntries(
            Map.entry("KIS", new Plan(0.72, 0.08, 12)), Map.entry("KIP", new Plan(0.62, 0.10, 25)),
            Map.entry("PKH", new Plan(0.50, 0.15, 40)), Map.entry("BPNT", new Plan(0.55, 0.15, 30)),
            Map.entry("SKTM", new Plan(0.88, 0.03, 3)), Map.entry("ADMINDUK", new Plan(0.82, 0.04, 8)),
            Map.entry("RTLH", new Plan(0.30, 0.20, 90)), Map.entry("ATENSI", new Plan(0.60, 0.10, 21)),
            Map.entry("KUBE", new Plan(0.35, 0.25, 60)), Map.entry("APBD", new Plan(0.55, 0.15, 30)),
            Map.entry("RASTRA", new Plan(0.60, 0.15, 20)), Map.entry("LAINNYA", new Plan(0.40, 0.20, 20)));
    private static final List<String> NEEDS_DTKS = List.of("PKH", "BPNT", "KIS", "RASTRA");

    private final SplittableRandom random;
    private final LocalDate horizon;
    private final Map<YearMonth, List<String[]>> byMonth = new TreeMap<>();
    private long states;

    Referrals(SplittableRandom random, LocalDate horizon) {
        this.random = random;
        this.horizon = horizon;
    }

    void maybeRefer(String visitId, LocalDate visitDate, String programme, boolean inDtks) {
        Plan plan = PLANS.get(programme);
        if (plan == null || random.nextDouble() >= REFERRED_SHARE) {
            return;
        }
        String id = "R" + visitId;
        LocalDate referred = visitDate.plusDays(random.nextInt(3));
        String agency = agency(programme);
        // Social assistance needs a DTKS entry: outside it, twice as often declined.
        double declined = NEEDS_DTKS.contains(programme) && !inDtks ? plan.declined() * 2 : plan.declined();
        double completed = Math.min(plan.completed(), 1 - declined);
        long days = Math.max(1, Math.round(Math.exp(Math.log(plan.medianDays()) + 0.7 * random.nextGaussian())));
        double outcome = random.nextDouble();
        add(id, visitId, referred, agency, programme, "DIRUJUK", referred, "");
        if (days >= 3) {
            add(id, visitId, referred, agency, programme, "DIPROSES", referred.plusDays(days / 3), "");
        }
        if (outcome < completed) {
            add(id, visitId, referred, agency, programme, "SELESAI", referred.plusDays(days), "");
        } else if (outcome < completed + declined) {
            add(id, visitId, referred, agency, programme, "DITOLAK", referred.plusDays(days),
                    NEEDS_DTKS.contains(programme) && !inDtks ? "belum terdaftar di DTKS" : "tidak memenuhi syarat");
        }
        // The rest stays in process: the open backlog.
    }

    private void add(String id, String visitId, LocalDate referred, String agency, String programme, String status,
                     LocalDate statusDate, String reason) {
        if (statusDate.isAfter(horizon)) {
            return; // has not happened yet in the generated period
        }
        byMonth.computeIfAbsent(YearMonth.from(statusDate), m -> new ArrayList<>()).add(
                new String[]{id, visitId, referred.toString(), agency, programme, status, statusDate.toString(), reason});
        states++;
    }

    long states() {
        return states;
    }

    /** Appends the states to the district's monthly referral files; returns how many files were created. */
    int append(Path districtDir, String district, ExportStyle style, DirtyRows dirt) {
        int created = 0;
        for (var entry : byMonth.entrySet()) {
            Path file = districtDir.resolve("rujukan_%s_%s.csv".formatted(district, entry.getKey()));
            List<String> lines = new ArrayList<>();
            for (String[] state : entry.getValue()) {
                lines.add(style.line(COLUMNS, state));
            }
            if (dirt != null) {
                lines.addAll(dirt.referrals(COLUMNS, entry.getValue(), style));
            }
            if (style.write(file, COLUMNS, lines, null)) {
                created++;
            }
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
