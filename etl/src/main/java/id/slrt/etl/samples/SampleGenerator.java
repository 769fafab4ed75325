package id.slrt.etl.samples;

import id.slrt.etl.ingest.RegionResolver;
import id.slrt.etl.regions.Region;
import id.slrt.etl.regions.Regions;
import id.slrt.etl.regions.Village;
import id.slrt.etl.visits.VisitExport;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes synthetic SLRT exports for real Kemendagri region codes, one visits file per district and month
 * and one referrals file per district and month of status, calibrated to the published facts in
 * docs/domain.md. Lists what it wrote in {@link SampleManifest}, which is what makes it sample data. Deterministic for a given seed and options.
 *
 * <p>Kab. Sleman 2018 is pinned to the published figures (13,750 visits, June the peak with 3,416); the
 * showcase districts (Sleman, Bantul) are generated at full volume whatever the scale, every other
 * district is scaled: at scale 1 the national volume matches the reports (over 800,000 complaints from
 * October 2016 to June 2018). With {@code messy} the exports come in the styles real district
 * applications write, and bad rows are added on top of the clean ones (see {@link DirtyRows}).
 */
public final class SampleGenerator {
    public static final String SLEMAN = "3404";
    public static final String BANTUL = "3402";
    public static final int SLEMAN_2018_VISITS = 13_750;
    public static final int SLEMAN_2018_JUNE_VISITS = 3_416;

    /** Seasonal weights Jan..Dec: school admissions (SKTM, KIP) and the BPJS cycle push June and July up. */
    private static final double[] SEASON = {0.90, 0.85, 0.95, 0.95, 1.00, 1.30, 1.20, 1.00, 0.95, 0.95, 0.90, 0.75};

    /** Yearly visits of the showcase districts at full volume; Sleman 2018 is the published figure. */
    private static final Map<String, Map<Integer, Integer>> SHOWCASE = Map.of(
            SLEMAN, Map.of(2016, 5_200, 2017, 11_900, 2018, SLEMAN_2018_VISITS, 2019, 14_600),
            BANTUL, Map.of(2016, 4_100, 2017, 9_800, 2018, 12_300, 2019, 13_900));

    /** A typical district's visits in its first full year at scale 1 (calibrated to the national reports). */
    static final int TYPICAL_DISTRICT_VISITS = 5_200;

    private static final String[] SLEMAN_PROGRAMMES = {"KIS", "SKTM", "INFORMASI", "PKH", "BPNT", "KIP",
            "ADMINDUK", "RTLH", "ATENSI", "KUBE", "APBD", "RASTRA", "LAINNYA"};
    private static final double[] SLEMAN_PROGRAMME_WEIGHTS = {30, 22, 18, 8, 6, 6, 4, 2, 1, 1, 1, 0.5, 0.5};
    private static final String[] PROGRAMMES = {"PKH", "BPNT", "KIS", "KIP", "SKTM", "INFORMASI", "ADMINDUK",
            "RTLH", "ATENSI", "KUBE", "APBD", "RASTRA", "LAINNYA"};
    private static final double[] PROGRAMME_WEIGHTS = {16, 14, 20, 9, 12, 11, 6, 3, 2, 2, 2, 2, 1};

    /** Share of Bantul's visitors without a NIK by year: the 2019 report found many (about 28,000 people). */
    private static final Map<Integer, Double> BANTUL_WITHOUT_NIK = Map.of(2016, 0.08, 2017, 0.12, 2018, 0.18, 2019, 0.34);
    private static final double WITHOUT_NIK = 0.04;

    private static final String[] GIVEN = {"Siti", "Sri", "Budi", "Agus", "Dewi", "Wahyu", "Nur", "Rina", "Joko",
            "Eko", "Tri", "Ani", "Yuli", "Slamet", "Sutrisno", "Suparmi", "Rahmat", "Putri", "Dian", "Heru",
            "Désy", "José"};
    private static final String[] FAMILY = {"Lestari", "Wibowo", "Handayani", "Santoso", "Rahayu", "Saputra",
            "Kurniawan", "Wati", "Susanto", "Pratama", "Setiawan", "Hidayat", "Purnomo", "Sari", "Utami"};

    /**
     * @param referrals also write referral exports (rujukan): the states of each referral in the month
     *                  files of their status dates
     * @param messy     write the exports in the districts' own styles and add bad rows on top of the
     *                  clean ones; the clean rows are the same either way
     */
    public record Options(Path out, long seed, double scale, int fromYear, int toYear, boolean referrals,
                          boolean messy) {
        public static final long DEFAULT_SEED = 20180604L;
        public static final double DEFAULT_SCALE = 0.05;

        /** Visits only, clean. */
        public Options(Path out, long seed, double scale, int fromYear, int toYear) {
            this(out, seed, scale, fromYear, toYear, false, false);
        }

        /** Clean exports. */
        public Options(Path out, long seed, double scale, int fromYear, int toYear, boolean referrals) {
            this(out, seed, scale, fromYear, toYear, referrals, false);
        }

        public Options {
            if (scale <= 0) {
                throw new IllegalArgumentException("--scale must be positive, got " + scale);
            }
            if (fromYear < VisitExport.FIRST_YEAR || toYear < fromYear) {
                throw new IllegalArgumentException("years must run from " + VisitExport.FIRST_YEAR + " on, got "
                        + fromYear + "-" + toYear);
            }
        }
    }

    /**
     * @param dirtyRows bad rows added on top of the clean ones (messy only), re-exported duplicates included
     * @param events    the events planted in the sample's last year ({@link PlantedEvents})
     */
    public record Summary(int files, long visits, int districts, long referralStates, long dirtyRows,
                          List<PlantedEvents.Event> events) {
    }

    private final Regions regions;
    private final RegionResolver resolver;

    public SampleGenerator(Regions regions) {
        this.regions = regions;
        this.resolver = new RegionResolver(regions);
    }

    public Summary generate(Options options) {
        Map<String, String> before = SampleManifest.before(options.out());
        Summary summary = write(options);
        SampleManifest.record(options.out(), before);
        return summary;
    }

    private Summary write(Options options) {
        Map<String, List<Village>> villages = regions.villagesByDistrict();
        RollOut rollOut = new RollOut(regions, options.seed());
        PlantedEvents planted = new PlantedEvents(rollOut, options.seed(), options.fromYear(), options.toYear(),
                code -> size(options.seed(), code));
        int files = 0;
        long visits = 0;
        long referralStates = 0;
        long dirtyRows = 0;
        int maxActive = 0;
        LocalDate horizon = LocalDate.of(options.toYear(), 12, 31);
        for (int year = options.fromYear(); year <= options.toYear(); year++) {
            List<Region> active = rollOut.active(year);
            maxActive = Math.max(maxActive, active.size());
            for (Region district : active) {
                long stream = mix(options.seed(), district.code(), year);
                SplittableRandom random = new SplittableRandom(stream);
                double size = size(options.seed(), district.code());
                int[] monthly = monthlyVisits(district.code(), year, options.scale() * size, rollOut.firstYear(district),
                        random, new SplittableRandom(stream ^ 0x5EA5L), planted);
                // Referrals, styles and bad rows draw from their own streams: the clean visits are the same
                // with or without them.
                Referrals referrals = options.referrals()
                        ? new Referrals(new SplittableRandom(stream ^ 0x5EEDL), horizon) : null;
                ExportStyle style = options.messy()
                        ? ExportStyle.draw(new SplittableRandom(mix(options.seed(), district.code(), 0) ^ 0x57E1L))
                        : ExportStyle.CLEAN;
                DirtyRows dirt = options.messy()
                        ? new DirtyRows(new SplittableRandom(stream ^ 0xD1A7L), dirtShare(district.code(), year),
                        dirtRate(district.code(), year)) : null;
                Path folder = options.out().resolve(district.code());
                for (int month = 1; month <= 12; month++) {
                    if (monthly[month - 1] == 0 || (year == options.toYear() && month == 12
                            && sendsNoLastExport(options.seed(), district.code()))) {
                        continue;
                    }
                    files += writeMonth(folder, district, villages.getOrDefault(district.code(), List.of()),
                            YearMonth.of(year, month), monthly[month - 1], random, referrals, style, dirt, planted);
                    visits += monthly[month - 1];
                }
                if (referrals != null) {
                    referralStates += referrals.states();
                    files += referrals.append(folder, district.code(), style, dirt);
                }
                if (dirt != null) {
                    dirtyRows += dirt.rows();
                }
            }
        }
        return new Summary(files, visits, maxActive, referralStates, dirtyRows, planted.events());
    }

    /** A district's size against the typical one: log-normal, about fivefold from small to large. */
    private static double size(long seed, String district) {
        return Math.exp(new SplittableRandom(mix(seed, district, 0)).nextGaussian() * 0.5);
    }

    /** Sleman and Bantul, whose yearly totals are published facts (or pinned to them). */
    static boolean isShowcase(String district) {
        return SHOWCASE.containsKey(district);
    }

    static int activeDistricts(int year) {
        return RollOut.activeDistricts(year);
    }

    /**
     * About one district in twenty has not sent the last month's export yet (the data-quality view lists
     * them); never the showcase districts, whose facts are whole years.
     */
    private static boolean sendsNoLastExport(long seed, String district) {
        return !SHOWCASE.containsKey(district) && new SplittableRandom(mix(seed, district, 1)).nextDouble() < 0.05;
    }

    /** Share of a district's files with bad rows: Bantul's village operators' data was often "not valid". */
    private static double dirtShare(String district, int year) {
        return BANTUL.equals(district) ? 1.0 : 0.15;
    }

    /** Share of bad rows in a file that has some. */
    private static double dirtRate(String district, int year) {
        return BANTUL.equals(district) ? (year >= 2019 ? 0.03 : 0.01) : 0.004;
    }

    /**
     * @param scale the generation scale times the district's own size (it varies about fivefold)
     * @param noise the month-to-month variation around the seasonal mean, from its own stream so that the
     *              visits' other draws stay where they were
     */
    private int[] monthlyVisits(String district, int year, double scale, int firstYear, SplittableRandom random,
                                SplittableRandom noise, PlantedEvents planted) {
        Map<Integer, Integer> showcase = SHOWCASE.get(district);
        if (showcase != null && showcase.containsKey(year)) {
            // Published yearly totals stay exact; the months around the season vary by some 6%.
            double[] season = varied(SEASON, noise, 0.06);
            if (SLEMAN.equals(district) && year == 2018) {
                int[] months = spread(SLEMAN_2018_VISITS - SLEMAN_2018_JUNE_VISITS, season, 5);
                months[5] = SLEMAN_2018_JUNE_VISITS;
                return months;
            }
            return spread(showcase.get(year), season, -1);
        }
        // Districts grow 8% a year once running; the first year starts in a random month. Months vary by
        // some 10% around the season beyond the chance of single visits, as real desks' months do.
        int total = (int) Math.round(TYPICAL_DISTRICT_VISITS * scale * Math.pow(1.08, year - firstYear));
        double[] weights = varied(SEASON, noise, 0.10);
        if (year == firstYear) {
            int startMonth = random.nextInt(12);
            for (int m = 0; m < startMonth; m++) {
                weights[m] = 0;
            }
            total = (int) Math.round(total * (12 - startMonth) / 12.0);
        }
        int[] months = new int[12];
        for (int v = 0; v < Math.max(total, 1); v++) {
            months[pick(weights, random)]++;
        }
        for (int m = 0; m < 12; m++) {
            YearMonth month = YearMonth.of(year, m + 1);
            double factor = planted.visitFactor(district, month) * risingShare(district, month, planted);
            months[m] = (int) Math.round(months[m] * factor);
        }
        return months;
    }

    /** Seasonal weights each times a log-normal factor of the given spread. */
    private static double[] varied(double[] weights, SplittableRandom noise, double sigma) {
        double[] w = weights.clone();
        for (int m = 0; m < w.length; m++) {
            w[m] *= Math.exp(noise.nextGaussian() * sigma - sigma * sigma / 2);
        }
        return w;
    }

    /** How many times its visits a month has when one programme rises and the others stay as they were. */
    private static double risingShare(String district, YearMonth month, PlantedEvents planted) {
        double[] weights = inSeason(PROGRAMMES, PROGRAMME_WEIGHTS, month);
        double sum = 0;
        double extra = 0;
        for (int i = 0; i < PROGRAMMES.length; i++) {
            sum += weights[i];
            extra += weights[i] * (planted.programmeFactor(district, PROGRAMMES[i], month) - 1);
        }
        return 1 + extra / sum;
    }

    /** Splits a total over the months by weight (largest remainder), leaving out one month if asked. */
    private static int[] spread(int total, double[] weights, int skipMonth) {
        double sum = 0;
        for (int m = 0; m < 12; m++) {
            sum += m == skipMonth ? 0 : weights[m];
        }
        int[] months = new int[12];
        double[] remainder = new double[12];
        int given = 0;
        for (int m = 0; m < 12; m++) {
            if (m == skipMonth) {
                remainder[m] = -1;
                continue;
            }
            double exact = total * weights[m] / sum;
            months[m] = (int) Math.floor(exact);
            remainder[m] = exact - months[m];
            given += months[m];
        }
        while (given < total) {
            int best = 0;
            for (int m = 1; m < 12; m++) {
                if (remainder[m] > remainder[best]) {
                    best = m;
                }
            }
            months[best]++;
            remainder[best] = -1;
            given++;
        }
        return months;
    }

    /** Writes one month's visits export (and a partial second export, if the operator made one). */
    private int writeMonth(Path folder, Region district, List<Village> villages, YearMonth month, int count,
                           SplittableRandom random, Referrals referrals, ExportStyle style, DirtyRows dirt,
                           PlantedEvents planted) {
        boolean sleman = SLEMAN.equals(district.code());
        List<String[]> people = new ArrayList<>();
        List<String[]> rows = new ArrayList<>(count);
        for (int seq = 1; seq <= count; seq++) {
            // About one visitor in five comes back within the month.
            String[] person = !people.isEmpty() && random.nextDouble() < 0.2
                    ? people.get(random.nextInt(people.size()))
                    : newPerson(district, villages, month.getYear(), random);
            people.add(person);
            String programme = sleman
                    ? SLEMAN_PROGRAMMES[pick(inSeason(SLEMAN_PROGRAMMES, SLEMAN_PROGRAMME_WEIGHTS, month), random)]
                    : PROGRAMMES[pick(rising(district.code(), month, planted), random)];
            String[] visit = visitFields(district, month, seq, person, programme, random);
            rows.add(visit);
            if (referrals != null) {
                referrals.maybeRefer(visit[0], LocalDate.parse(visit[1]), programme, !visit[8].isEmpty());
            }
        }
        List<String> lines = new ArrayList<>(count);
        for (String[] row : rows) {
            if (style.districtNames() && row[2].equals(district.code())) {
                row = row.clone();
                row[2] = districtName(district, row[0].hashCode());
            }
            lines.add(style.line(VisitExport.COLUMNS, row));
        }
        String name = "kunjungan_%s_%s".formatted(district.code(), month);
        if (dirt == null) {
            style.write(folder.resolve(name + ".csv"), VisitExport.COLUMNS, lines, null);
            return 1;
        }
        List<String> again = dirt.reExport(lines);
        DirtyRows.Addition bad = dirt.visits(VisitExport.COLUMNS, rows, style);
        List<String> all = new ArrayList<>(lines);
        all.addAll(bad.lines());
        style.write(folder.resolve(name + ".csv"), VisitExport.COLUMNS, all, bad.cutOff());
        if (again.isEmpty()) {
            return 1;
        }
        // The browser's name for a second download of the same file.
        style.write(folder.resolve(name + " (1).csv"), VisitExport.COLUMNS, again, null);
        return 2;
    }

    /** "Kab. Sleman", "KABUPATEN SLEMAN" or just "SLEMAN" where that names one district only. */
    private String districtName(Region district, int variant) {
        String kind = "KOTA".equals(district.type()) ? "Kota " : "Kab. ";
        String bare = district.name().toUpperCase(java.util.Locale.ROOT);
        return switch (Math.floorMod(variant, 3)) {
            case 0 -> kind + district.name();
            case 1 -> (kind.equals("Kota ") ? "KOTA " : "KABUPATEN ") + bare;
            default -> district.code().equals(resolver.resolve(bare).district()) ? bare : kind + district.name();
        };
    }

    /** The programme weights of a month with a planted rise in one programme. */
    private static double[] rising(String district, YearMonth month, PlantedEvents planted) {
        double[] w = inSeason(PROGRAMMES, PROGRAMME_WEIGHTS, month);
        for (int i = 0; i < PROGRAMMES.length; i++) {
            w[i] *= planted.programmeFactor(district, PROGRAMMES[i], month);
        }
        return w;
    }

    /** June and July are school admissions: more SKTM (for the zoning quota) and KIP requests. */
    private static double[] inSeason(String[] programmes, double[] weights, YearMonth month) {
        // Always a copy: a caller may weigh it further (a planted rise).
        double[] w = weights.clone();
        if (month.getMonthValue() != 6 && month.getMonthValue() != 7) {
            return w;
        }
        for (int i = 0; i < programmes.length; i++) {
            if (programmes[i].equals("SKTM") || programmes[i].equals("KIP")) {
                w[i] *= 1.6;
            }
        }
        return w;
    }

    /** person: nik, no_kk, nama, id_dtks, jenis_kelamin, tanggal_lahir, disabilitas, kode_wilayah (village). */
    private String[] newPerson(Region district, List<Village> villages, int year, SplittableRandom random) {
        String village = villages.isEmpty() ? district.code() : villages.get(random.nextInt(villages.size())).code();
        boolean female = random.nextDouble() < 0.58;
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 65));
        String kecamatan = village.length() >= 6 ? village.substring(4, 6) : "01";
        String nik = district.code() + kecamatan
                + "%02d%02d%02d".formatted(birth.getDayOfMonth() + (female ? 40 : 0), birth.getMonthValue(),
                birth.getYear() % 100) + "%04d".formatted(1 + random.nextInt(9999));
        String kk = district.code() + kecamatan + "%010d".formatted(random.nextLong(10_000_000_000L));
        boolean bantul = BANTUL.equals(district.code());
        double noNik = bantul ? BANTUL_WITHOUT_NIK.getOrDefault(year, 0.34) : WITHOUT_NIK;
        String name = GIVEN[random.nextInt(GIVEN.length)] + " " + FAMILY[random.nextInt(FAMILY.length)];
        // Bantul's incomplete intake forms (Formulir A3) kept many out of the register.
        double inDtks = bantul && year >= 2019 ? 0.5 : 0.68;
        String dtks = random.nextDouble() < inDtks ? "DTKS" + district.code() + "%08d".formatted(random.nextInt(100_000_000)) : "";
        return new String[]{random.nextDouble() < noNik ? "" : nik, kk, name, dtks, female ? "P" : "L",
                birth.toString(), random.nextDouble() < 0.06 ? "Y" : "T", village};
    }

    private String[] visitFields(Region district, YearMonth month, int seq, String[] person, String programme,
                                 SplittableRandom random) {
        double where = random.nextDouble();
        String servicePoint = where < 0.55 ? "SEKRETARIAT" : where < 0.9 ? "PUSKESOS" : "PENJANGKAUAN";
        String channel = switch (servicePoint) {
            case "PENJANGKAUAN" -> "FASILITATOR";
            case "PUSKESOS" -> random.nextDouble() < 0.85 ? "DATANG_LANGSUNG" : "FASILITATOR";
            default -> random.nextDouble() < 0.8 ? "DATANG_LANGSUNG" : random.nextDouble() < 0.6 ? "TELEPON" : "DARING";
        };
        // The district desk often records only the district code.
        String regionCode = "SEKRETARIAT".equals(servicePoint) && random.nextDouble() < 0.3 ? district.code() : person[7];
        return new String[]{
                "%s-%s-%05d".formatted(district.code(), month.toString().replace("-", ""), seq),
                DeskCalendar.visitDay(month, random).toString(), regionCode, servicePoint, channel,
                person[0], person[1], person[2], person[3], person[4], person[5], person[6],
                need(programme, random), programme};
    }

    private static String need(String programme, SplittableRandom random) {
        return switch (programme) {
            case "KIS" -> "KESEHATAN";
            case "KIP" -> "PENDIDIKAN";
            case "BPNT", "RASTRA" -> "PANGAN";
            case "PKH" -> "BANTUAN_TUNAI";
            case "ADMINDUK" -> "ADMINDUK";
            case "ATENSI" -> "DISABILITAS";
            case "RTLH" -> "PERUMAHAN";
            case "KUBE" -> "PEKERJAAN";
            case "SKTM" -> random.nextDouble() < 0.6 ? "KESEHATAN" : "PENDIDIKAN";
            default -> "LAINNYA";
        };
    }

    private static int pick(double[] weights, SplittableRandom random) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double r = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static long mix(long seed, String district, int year) {
        return seed * 1_000_003L + Long.parseLong(district) * 10_007L + year;
    }
}
