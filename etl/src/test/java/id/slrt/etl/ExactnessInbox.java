package id.slrt.etl;

import id.slrt.etl.visits.VisitExport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A small inbox of hand-made exports that random operations change between ETL runs, for
 * {@link IncrementalExactnessTest}: new months, corrected re-exports, removed files, duplicate and
 * overlapping exports, late referral states, months arriving out of order and referrals before their
 * visits, with quarantined rows, rows of another district in a district folder and a visit id that two
 * districts use. Every operation returns what it did, for the failure message.
 */
final class ExactnessInbox {
    static final List<String> DISTRICTS = List.of("3404", "3402", "3471");
    static final YearMonth FIRST = YearMonth.of(2023, 1);
    static final YearMonth LAST = YearMonth.of(2024, 12);
    static final String REFERRAL_HEADER =
            "id_rujukan,id_kunjungan,tanggal_rujukan,instansi_tujuan,program,status,tanggal_status,alasan";
    private static final List<String> PROGRAMMES = List.of("KIS", "BPNT", "PKH", "SKTM", "KIP", "ADMINDUK");
    private static final List<String> NEEDS = List.of("KESEHATAN", "PANGAN", "BANTUAN_TUNAI", "PENDIDIKAN", "");
    private static final List<String> SERVICE_POINTS = List.of("SEKRETARIAT", "PUSKESOS", "PENJANGKAUAN", "");
    private static final List<String> AGENCIES = List.of("DINKES", "DINSOS", "BPJS", "PEMDES", "");
    private static final Instant CLOCK = Instant.parse("2025-06-01T00:00:00Z");

    enum Op {
        NEW_MONTH, CORRECTED_RE_EXPORT, REMOVED_FILE, DUPLICATE_EXPORT, LATE_REFERRAL_STATUS, OUT_OF_ORDER_MONTH,
        VISITS_ARRIVE
    }

    private final Path root;
    private final SplittableRandom random;
    /** path -> data lines (without header), for every file in the inbox. */
    private final Map<String, List<String>> visitFiles = new TreeMap<>();
    private final Map<String, List<String>> referralFiles = new TreeMap<>();
    /** Months whose visits file was written (or is pending), per district. */
    private final Map<String, TreeSet<YearMonth>> months = new TreeMap<>();
    /** Visits files whose referrals came first: written by {@link Op#VISITS_ARRIVE}. */
    private final Map<String, List<String>> pending = new LinkedHashMap<>();
    private int ids;
    private int ticks;

    ExactnessInbox(Path root, long seed) {
        this.root = root;
        this.random = new SplittableRandom(seed);
        DISTRICTS.forEach(d -> months.put(d, new TreeSet<>()));
    }

    Path root() {
        return root;
    }

    /** Two or three months per district, a referral whose visit is still to come, and the cross-district cases. */
    String setUp() {
        List<String> done = new ArrayList<>();
        for (String d : DISTRICTS) {
            YearMonth start = FIRST.plusMonths(random.nextInt(8));
            int n = 2 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                done.add(newMonth(d, freeMonth(d, start.plusMonths(i * (1 + random.nextInt(3))), true), false));
            }
        }
        // A visit id that Sleman and Kota Yogyakarta both use; a referral outside any district folder cannot
        // tell whose it is (AMBIGUOUS_VISIT); from Kota Yogyakarta's folder it is Kota Yogyakarta's.
        String sleman = firstVisitsFile("3404");
        String kota = firstVisitsFile("3471");
        LocalDate date = LocalDate.parse(field(goodRow(sleman), 1));
        visitFiles.get(sleman).add(visit("AMB-1", date, "3404", "3404"));
        visitFiles.get(kota).add(visit("AMB-1", date.plusDays(1), "3471", "3471"));
        write(sleman, VisitExport.COLUMNS, visitFiles.get(sleman));
        write(kota, VisitExport.COLUMNS, visitFiles.get(kota));
        String bantulVisit = field(goodRow(firstVisitsFile("3402")), 0);
        String pusat = "pusat/rujukan_gabungan.csv";
        referralFiles.put(pusat, new ArrayList<>(List.of(
                referral("R-AMB-1", "AMB-1", date, "DINSOS", "PKH", "DIRUJUK", date),
                referral("R-AMB-2", "AMB-1", date.plusDays(1), "DINSOS", "PKH", "SELESAI", date.plusDays(9)))));
        write(pusat, List.of(REFERRAL_HEADER.split(",")), referralFiles.get(pusat));
        String kotaRef = "3471/rujukan_3471_lintas.csv";
        referralFiles.put(kotaRef, new ArrayList<>(List.of(
                referral("R-AMB-3", "AMB-1", date.plusDays(2), "DINKES", "KIS", "DIPROSES", date.plusDays(4)))));
        write(kotaRef, List.of(REFERRAL_HEADER.split(",")), referralFiles.get(kotaRef));
        // From Sleman's folder, a referral of Bantul's visit: OTHER_DISTRICT.
        String lintas = "3404/rujukan_3404_lintas.csv";
        referralFiles.put(lintas, new ArrayList<>(List.of(
                referral("R-LINTAS-1", bantulVisit, date, "DINSOS", "BPNT", "DITOLAK", date.plusDays(30)))));
        write(lintas, List.of(REFERRAL_HEADER.split(",")), referralFiles.get(lintas));
        // Bantul's referrals of a month whose visits arrive in a later run: REFERRAL_WITHOUT_VISIT first.
        YearMonth later = freeMonth("3402", months.get("3402").last().plusMonths(1), true);
        done.add(newMonth("3402", later, true));
        done.add("AMB-1 in 3404 and 3471 with referrals from pusat/ and 3471/; 3404/ refers Bantul's " + bantulVisit);
        return "set up: " + String.join("; ", done);
    }

    String apply(Op op) {
        return switch (op) {
            case NEW_MONTH -> newMonth(null, null, random.nextInt(4) == 0);
            case OUT_OF_ORDER_MONTH -> outOfOrderMonth();
            case CORRECTED_RE_EXPORT -> correctedReExport();
            case REMOVED_FILE -> removeFile();
            case DUPLICATE_EXPORT -> duplicateExport();
            case LATE_REFERRAL_STATUS -> lateReferralStatus();
            case VISITS_ARRIVE -> visitsArrive();
        };
    }

    /** A row of the file that is accepted: an id of its district, a real date, a known region. */
    private String goodRow(String path) {
        return visitFiles.get(path).stream().filter(r -> r.startsWith("V" + path.substring(0, 4) + "-")
                && !r.split(",", -1)[1].endsWith("-02-30") && !r.split(",", -1)[2].equals("9999")).findFirst().orElseThrow();
    }

    private String firstVisitsFile(String district) {
        return visitFiles.keySet().stream().filter(p -> p.startsWith(district + "/kunjungan_")).findFirst().orElseThrow();
    }

    /** A new month of visits (and its referrals) for a district, after its latest month when one is free. */
    private String newMonth(String district, YearMonth month, boolean referralsFirst) {
        String d = district != null ? district : DISTRICTS.get(random.nextInt(DISTRICTS.size()));
        YearMonth m = month != null ? month
                : freeMonth(d, months.get(d).isEmpty() ? FIRST : months.get(d).last().plusMonths(1), true);
        months.get(d).add(m);
        String visitsPath = "%s/kunjungan_%s_%s.csv".formatted(d, d, m);
        String referralsPath = "%s/rujukan_%s_%s.csv".formatted(d, d, m);
        List<String> visits = new ArrayList<>();
        List<String> referrals = new ArrayList<>();
        int n = 6 + random.nextInt(6);
        for (int i = 1; i <= n; i++) {
            String id = "V%s-%s-%02d".formatted(d, m.toString().replace("-", ""), i);
            LocalDate date = m.atDay(1 + random.nextInt(28));
            visits.add(visit(id, date, d, d.equals("3404") && random.nextBoolean() ? "3404012001" : d));
            if (random.nextInt(5) < 3) {
                referrals.addAll(referralStates("R" + id, id, date));
            }
        }
        StringBuilder extra = new StringBuilder();
        if (random.nextInt(3) > 0) {
            LocalDate date = m.atDay(1 + random.nextInt(28));
            switch (random.nextInt(3)) {
                case 0 -> visits.add(visit("Q%d".formatted(++ids), date, d, d).replace(date.toString(),
                        date.getYear() + "-02-30"));
                case 1 -> visits.add(visit("Q%d".formatted(++ids), date, d, "9999"));
                default -> visits.add(visit("", date, d, d));
            }
            extra.append(", a quarantined row");
        }
        if (d.equals("3404") && random.nextBoolean()) {
            // A row of Bantul in Sleman's folder: OTHER_DISTRICT, it must change nothing of Bantul's.
            visits.add(visit("V3402-X%d".formatted(++ids), m.atDay(1 + random.nextInt(28)), "3402", "3402"));
            extra.append(", a row of 3402 (OTHER_DISTRICT)");
        }
        java.util.Collections.shuffle(visits, new java.util.Random(random.nextLong()));
        referralFiles.put(referralsPath, referrals);
        write(referralsPath, List.of(REFERRAL_HEADER.split(",")), referrals);
        if (referralsFirst) {
            pending.put(visitsPath, visits);
            return "new month " + visitsPath + " (" + visits.size() + " rows" + extra + "), only its "
                    + referrals.size() + " referral states now, its visits later";
        }
        visitFiles.put(visitsPath, visits);
        write(visitsPath, VisitExport.COLUMNS, visits);
        return "new month " + visitsPath + " (" + visits.size() + " rows" + extra + ") and " + referrals.size()
                + " referral states";
    }

    /** A free month from {@code from} on (forwards), else any free month. */
    private YearMonth freeMonth(String district, YearMonth from, boolean forwards) {
        TreeSet<YearMonth> taken = months.get(district);
        for (YearMonth m = from; !m.isBefore(FIRST) && !m.isAfter(LAST); m = forwards ? m.plusMonths(1) : m.minusMonths(1)) {
            if (!taken.contains(m)) {
                return m;
            }
        }
        for (YearMonth m = FIRST; !m.isAfter(LAST); m = m.plusMonths(1)) {
            if (!taken.contains(m)) {
                return m;
            }
        }
        throw new IllegalStateException("no free month for " + district);
    }

    private String outOfOrderMonth() {
        String d = DISTRICTS.get(random.nextInt(DISTRICTS.size()));
        TreeSet<YearMonth> taken = months.get(d);
        YearMonth before = taken.isEmpty() ? LAST : taken.last().minusMonths(1 + random.nextInt(6));
        YearMonth m = freeMonth(d, before.isBefore(FIRST) ? FIRST : before, false);
        return "out of order: " + newMonth(d, m, false);
    }

    private String visitsArrive() {
        if (pending.isEmpty()) {
            return "no visits pending, so " + newMonth(null, null, false);
        }
        String path = pending.keySet().iterator().next();
        List<String> visits = pending.remove(path);
        visitFiles.put(path, visits);
        write(path, VisitExport.COLUMNS, visits);
        return "the visits of earlier referrals arrive: " + path;
    }

    /**
     * The same path, changed content: some visits change programme, some move to another month, one is
     * removed, one added.
     */
    private String correctedReExport() {
        List<String> paths = visitFiles.keySet().stream()
                .filter(p -> p.matches("\\d{4}/kunjungan_\\d{4}_\\d{4}-\\d{2}\\.csv")).toList();
        if (paths.isEmpty()) {
            return "no month file to correct, so " + newMonth(null, null, false);
        }
        String path = paths.get(random.nextInt(paths.size()));
        List<String> rows = new ArrayList<>(visitFiles.get(path));
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",", -1);
            if (f[0].isEmpty() || !validDate(f[1])) {
                continue; // the deliberately bad rows (an empty id, 2023-02-30) stay as they are
            }
            int dice = random.nextInt(6);
            if (dice == 0) {
                f[13] = other(PROGRAMMES, f[13]);
                changes.add(f[0] + " programme " + f[13]);
            } else if (dice == 1) {
                LocalDate date = LocalDate.parse(f[1]);
                YearMonth to = YearMonth.from(date).plusMonths(random.nextBoolean() ? 1 + random.nextInt(7)
                        : -1 - random.nextInt(7));
                if (to.isAfter(LAST) || to.isBefore(FIRST)) {
                    to = YearMonth.from(date).plusMonths(to.isAfter(LAST) ? -2 : 2);
                }
                f[1] = to.atDay(Math.min(date.getDayOfMonth(), 28)).toString();
                changes.add(f[0] + " to " + f[1]);
            }
            rows.set(i, String.join(",", f));
        }
        String removed = rows.remove(random.nextInt(rows.size())).split(",", -1)[0];
        String district = path.substring(0, 4);
        YearMonth month = YearMonth.parse(path.replaceAll(".*_(\\d{4}-\\d{2}).*", "$1"));
        String added = "V%s-ADD%d".formatted(district, ++ids);
        rows.add(visit(added, month.atDay(1 + random.nextInt(28)), district, district));
        visitFiles.put(path, rows);
        write(path, VisitExport.COLUMNS, rows);
        return "corrected re-export of " + path + ": " + changes + ", removed " + removed + ", added " + added;
    }

    private String removeFile() {
        List<String> paths = new ArrayList<>(visitFiles.keySet());
        paths.addAll(referralFiles.keySet());
        if (paths.size() <= 2) {
            return "nothing to remove, so " + newMonth(null, null, false);
        }
        String path = paths.get(random.nextInt(paths.size()));
        visitFiles.remove(path);
        referralFiles.remove(path);
        try {
            Files.delete(root.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "removed " + path;
    }

    /**
     * The same content under another path (identical duplicates: which copy counts does not change a
     * number), and another export overlapping some visit ids of an older file with other values (the
     * latest export's copy counts).
     */
    private String duplicateExport() {
        List<String> paths = new ArrayList<>(visitFiles.keySet());
        if (paths.isEmpty()) {
            return "no visits file to duplicate, so " + newMonth(null, null, false);
        }
        String original = paths.get(random.nextInt(paths.size()));
        String copy = random.nextBoolean()
                ? original.replace(".csv", " (1).csv")
                : "unduhan/" + original.substring(original.lastIndexOf('/') + 1);
        if (visitFiles.containsKey(copy)) {
            copy = copy.replace(".csv", "_%d.csv".formatted(++ids));
        }
        visitFiles.put(copy, new ArrayList<>(visitFiles.get(original)));
        write(copy, VisitExport.COLUMNS, visitFiles.get(copy));
        String older = paths.get(random.nextInt(paths.size()));
        String district = older.startsWith("unduhan/") ? DISTRICTS.get(0) : older.substring(0, 4);
        List<String> overlap = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (String row : visitFiles.get(older)) {
            String[] f = row.split(",", -1);
            if (f[0].isEmpty() || !f[1].matches("\\d{4}-\\d{2}-\\d{2}") || random.nextBoolean()) {
                continue;
            }
            f[13] = other(PROGRAMMES, f[13]);
            f[3] = other(SERVICE_POINTS, f[3]);
            if (random.nextBoolean()) {
                f[1] = LocalDate.parse(f[1]).plusDays(random.nextInt(40) - 20).toString();
            }
            overlap.add(String.join(",", f));
            changed.add(f[0]);
        }
        overlap.add(visit("V%s-REV%d".formatted(district, ++ids), FIRST.plusMonths(random.nextInt(24)).atDay(5),
                district, district));
        String revision = older.startsWith("unduhan/") ? "unduhan/kunjungan_revisi_%d.csv".formatted(++ids)
                : "%s/kunjungan_%s_revisi_%d.csv".formatted(district, district, ++ids);
        visitFiles.put(revision, overlap);
        write(revision, VisitExport.COLUMNS, overlap);
        return "duplicate export " + copy + " of " + original + "; " + revision + " overlaps " + older + " on "
                + changed + " with other values";
    }

    /** A new referrals file with later SELESAI/DITOLAK states of referrals of older months. */
    private String lateReferralStatus() {
        Map<String, String[]> byId = new TreeMap<>();
        Map<String, String> folderOf = new TreeMap<>();
        referralFiles.forEach((path, rows) -> rows.forEach(row -> {
            String[] f = row.split(",", -1);
            byId.put(f[0], f);
            folderOf.put(f[0], path.substring(0, path.indexOf('/')));
        }));
        if (byId.isEmpty()) {
            return "no referrals yet, so " + newMonth(null, null, false);
        }
        List<String> ids = new ArrayList<>(byId.keySet());
        java.util.Collections.shuffle(ids, new java.util.Random(random.nextLong()));
        String folder = folderOf.get(ids.get(0));
        List<String> rows = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(ids.size(), 3 + random.nextInt(4)))) {
            if (!folderOf.get(id).equals(folder) && random.nextBoolean()) {
                continue;
            }
            String[] f = byId.get(id);
            LocalDate referred = LocalDate.parse(f[2]);
            String status = random.nextInt(3) == 0 ? "DITOLAK" : "SELESAI";
            rows.add(referral(f[0], f[1], referred, f[3], f[4], status,
                    referred.plusDays(10 + random.nextInt(200))));
        }
        String path = "%s/rujukan_status_%d.csv".formatted(folder, ++this.ids);
        referralFiles.put(path, rows);
        write(path, List.of(REFERRAL_HEADER.split(",")), rows);
        return "late referral states " + path + ": " + rows.stream().map(r -> r.split(",")[0] + " "
                + r.split(",")[5] + " " + r.split(",")[6]).toList();
    }

    private List<String> referralStates(String id, String visit, LocalDate visitDate) {
        LocalDate referred = visitDate.plusDays(random.nextInt(3));
        String agency = AGENCIES.get(random.nextInt(AGENCIES.size()));
        String programme = random.nextInt(5) == 0 ? "" : PROGRAMMES.get(random.nextInt(PROGRAMMES.size()));
        List<String> states = new ArrayList<>();
        states.add(referral(id, visit, referred, agency, programme, "DIRUJUK", referred));
        if (random.nextBoolean()) {
            states.add(referral(id, visit, referred, agency, programme, "DIPROSES", referred.plusDays(3)));
        }
        if (random.nextInt(3) == 0) {
            states.add(referral(id, visit, referred, agency, programme, random.nextBoolean() ? "SELESAI" : "DITOLAK",
                    referred.plusDays(4 + random.nextInt(30))));
        }
        return states;
    }

    private String visit(String id, LocalDate date, String district, String region) {
        int person = random.nextInt(6);
        String nik = random.nextInt(7) == 0 ? "" : "%s01%010d".formatted(district, 1_000 + person);
        String kk = "%s01%010d".formatted(district, 5_000 + person);
        String dtks = random.nextInt(3) == 0 ? "" : "DTKS" + district + "%04d".formatted(person);
        return String.join(",", id, date.toString(), region, SERVICE_POINTS.get(random.nextInt(SERVICE_POINTS.size())),
                "DATANG_LANGSUNG", nik, kk, "Warga " + person, dtks, person % 2 == 0 ? "P" : "L", "1980-01-0" + (1 + person),
                "T", NEEDS.get(random.nextInt(NEEDS.size())), PROGRAMMES.get(random.nextInt(PROGRAMMES.size())));
    }

    private static String referral(String id, String visit, LocalDate referred, String agency, String programme,
                                   String status, LocalDate statusDate) {
        return String.join(",", id, visit, referred.toString(), agency, programme, status, statusDate.toString(), "");
    }

    private String other(List<String> values, String current) {
        String value;
        do {
            value = values.get(random.nextInt(values.size()));
        } while (value.equals(current));
        return value;
    }

    private static String field(String row, int i) {
        return row.split(",", -1)[i];
    }

    /** Writes a file with a modification time of its own (a later write always looks changed). */
    private void write(String path, List<String> columns, List<String> rows) {
        Path file = root.resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join(",", columns) + "\n" + String.join("\n", rows) + (rows.isEmpty() ? "" : "\n"),
                    StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, FileTime.from(CLOCK.plusSeconds(++ticks)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean validDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
