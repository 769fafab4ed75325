package id.slrt.etl.samples;

import id.slrt.etl.regions.Csv;
import id.slrt.etl.regions.Region;
import id.slrt.etl.regions.Regions;
import id.slrt.etl.regions.Village;
import id.slrt.etl.visits.VisitExport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes synthetic SLRT visit exports for real Kemendagri region codes, one file per district and month,
 * calibrated to the published facts in ../shared/DOMAIN.md. Deterministic for a given seed and options.
 *
 * <p>Kab. Sleman 2018 is pinned to the published figures (13,750 visits, June the peak with 3,416); the
 * showcase districts are generated at full volume whatever the scale, every other district is scaled.
 */
public final class SampleGenerator {
    public static final String SLEMAN = "3404";
    public static final String BANTUL = "3402";
    public static final int SLEMAN_2018_VISITS = 13_750;
    public static final int SLEMAN_2018_JUNE_VISITS = 3_416;

    /** Districts running SLRT, cumulative, from the Kemensos reports (2019 is the target). */
    private static final Map<Integer, Integer> ACTIVE_DISTRICTS = Map.of(2016, 50, 2017, 78, 2018, 138, 2019, 150);

    /** Seasonal weights Jan..Dec: the school year (KIP) and the BPJS cycle push June and July up. */
    private static final double[] SEASON = {0.90, 0.85, 0.95, 0.95, 1.00, 1.30, 1.20, 1.00, 0.95, 0.95, 0.90, 0.75};

    /** Yearly visits of the showcase districts at full volume; Sleman 2018 is the published figure. */
    private static final Map<String, Map<Integer, Integer>> SHOWCASE = Map.of(
            SLEMAN, Map.of(2016, 5_200, 2017, 11_900, 2018, SLEMAN_2018_VISITS, 2019, 14_600),
            BANTUL, Map.of(2016, 4_100, 2017, 9_800, 2018, 12_300, 2019, 13_900));

    /** A typical active district's yearly visits at scale 1. */
    private static final int TYPICAL_DISTRICT_VISITS = 4_000;

    private static final String[] SLEMAN_PROGRAMMES = {"KIS", "SKTM", "INFORMASI", "PKH", "BPNT", "KIP",
            "ADMINDUK", "RTLH", "ATENSI", "KUBE", "APBD", "RASTRA", "LAINNYA"};
    private static final double[] SLEMAN_PROGRAMME_WEIGHTS = {30, 22, 18, 8, 6, 6, 4, 2, 1, 1, 1, 0.5, 0.5};
    private static final String[] PROGRAMMES = {"PKH", "BPNT", "KIS", "KIP", "SKTM", "INFORMASI", "ADMINDUK",
            "RTLH", "ATENSI", "KUBE", "APBD", "RASTRA", "LAINNYA"};
    private static final double[] PROGRAMME_WEIGHTS = {16, 14, 20, 9, 12, 11, 6, 3, 2, 2, 2, 2, 1};

    private static final String[] GIVEN = {"Siti", "Sri", "Budi", "Agus", "Dewi", "Wahyu", "Nur", "Rina", "Joko",
            "Eko", "Tri", "Ani", "Yuli", "Slamet", "Sutrisno", "Suparmi", "Rahmat", "Putri", "Dian", "Heru"};
    private static final String[] FAMILY = {"Lestari", "Wibowo", "Handayani", "Santoso", "Rahayu", "Saputra",
            "Kurniawan", "Wati", "Susanto", "Pratama", "Setiawan", "Hidayat", "Purnomo", "Sari", "Utami"};

    /**
     * @param referrals also write referral exports (rujukan): the states of each referral in the month
     *                  files of their status dates
     */
    public record Options(Path out, long seed, double scale, int fromYear, int toYear, boolean referrals) {
        public static final long DEFAULT_SEED = 20180604L;
        public static final double DEFAULT_SCALE = 0.05;

        /** Visits only. */
        public Options(Path out, long seed, double scale, int fromYear, int toYear) {
            this(out, seed, scale, fromYear, toYear, false);
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

    public record Summary(int files, long visits, int districts, long referralStates) {
    }

    private final Regions regions;

    public SampleGenerator(Regions regions) {
        this.regions = regions;
    }

    public Summary generate(Options options) {
        Map<String, List<Village>> villages = regions.villagesByDistrict();
        List<Region> order = districtOrder(options.seed());
        int files = 0;
        long visits = 0;
        long referralStates = 0;
        int maxActive = 0;
        LocalDate horizon = LocalDate.of(options.toYear(), 12, 31);
        for (int year = options.fromYear(); year <= options.toYear(); year++) {
            int active = Math.min(order.size(), activeDistricts(year));
            maxActive = Math.max(maxActive, active);
            for (int i = 0; i < active; i++) {
                Region district = order.get(i);
                SplittableRandom random = new SplittableRandom(mix(options.seed(), district.code(), year));
                int[] monthly = monthlyVisits(district.code(), year, options.scale(), firstActiveYear(i), random);
                // Referrals draw from their own stream: the visits are the same with or without them.
                Referrals referrals = options.referrals()
                        ? new Referrals(new SplittableRandom(mix(options.seed(), district.code(), year) ^ 0x5EEDL), horizon)
                        : null;
                for (int month = 1; month <= 12; month++) {
                    if (monthly[month - 1] == 0) {
                        continue;
                    }
                    writeMonth(options.out(), district, villages.getOrDefault(district.code(), List.of()),
                            YearMonth.of(year, month), monthly[month - 1], random, referrals);
                    files++;
                    visits += monthly[month - 1];
                }
                if (referrals != null) {
                    referralStates += referrals.states();
                    files += referrals.append(options.out().resolve(district.code()), district.code());
                }
            }
        }
        return new Summary(files, visits, maxActive, referralStates);
    }

    static int activeDistricts(int year) {
        if (ACTIVE_DISTRICTS.containsKey(year)) {
            return ACTIVE_DISTRICTS.get(year);
        }
        return year < 2016 ? 0 : 150 + 12 * (year - 2019);
    }

    /** The year a district (by its place in the roll-out order) started SLRT. */
    private static int firstActiveYear(int position) {
        int year = 2016;
        while (activeDistricts(year) <= position) {
            year++;
        }
        return year;
    }

    /** Roll-out order: the showcase districts first (active since 2016), then a seeded shuffle. */
    private List<Region> districtOrder(long seed) {
        List<Region> rest = new ArrayList<>(regions.districts());
        List<Region> order = new ArrayList<>();
        for (String code : List.of(SLEMAN, BANTUL)) {
            Region region = regions.get(code);
            rest.remove(region);
            order.add(region);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = rest.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Region swap = rest.get(i);
            rest.set(i, rest.get(j));
            rest.set(j, swap);
        }
        order.addAll(rest);
        return order;
    }

    private int[] monthlyVisits(String district, int year, double scale, int firstYear, SplittableRandom random) {
        Map<Integer, Integer> showcase = SHOWCASE.get(district);
        if (showcase != null && showcase.containsKey(year)) {
            if (SLEMAN.equals(district) && year == 2018) {
                int[] months = spread(SLEMAN_2018_VISITS - SLEMAN_2018_JUNE_VISITS, SEASON, 5);
                months[5] = SLEMAN_2018_JUNE_VISITS;
                return months;
            }
            return spread(showcase.get(year), SEASON, -1);
        }
        // A district's size varies about fivefold; its first year starts in a random month.
        double size = Math.exp(random.nextGaussian() * 0.5);
        int total = (int) Math.round(TYPICAL_DISTRICT_VISITS * size * scale * Math.pow(1.08, year - firstYear));
        double[] weights = SEASON.clone();
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
        return months;
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

    private void writeMonth(Path out, Region district, List<Village> villages, YearMonth month, int count,
                            SplittableRandom random, Referrals referrals) {
        Path file = out.resolve(district.code())
                .resolve("kunjungan_%s_%s.csv".formatted(district.code(), month));
        boolean sleman = SLEMAN.equals(district.code());
        List<String[]> people = new ArrayList<>();
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writer.write(String.join(",", VisitExport.COLUMNS));
                writer.newLine();
                for (int seq = 1; seq <= count; seq++) {
                    // About one visitor in five comes back within the month's file.
                    String[] person = !people.isEmpty() && random.nextDouble() < 0.2
                            ? people.get(random.nextInt(people.size()))
                            : newPerson(district, villages, random);
                    people.add(person);
                    String programme = sleman
                            ? SLEMAN_PROGRAMMES[pick(SLEMAN_PROGRAMME_WEIGHTS, random)]
                            : PROGRAMMES[pick(PROGRAMME_WEIGHTS, random)];
                    String[] visit = visitFields(district, month, seq, person, programme, random);
                    writer.write(csvLine(visit));
                    writer.newLine();
                    if (referrals != null) {
                        referrals.maybeRefer(visit[0], LocalDate.parse(visit[1]), programme);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** person: nik, no_kk, nama, id_dtks, jenis_kelamin, tanggal_lahir, disabilitas, kode_wilayah (village). */
    private String[] newPerson(Region district, List<Village> villages, SplittableRandom random) {
        String village = villages.isEmpty() ? district.code() : villages.get(random.nextInt(villages.size())).code();
        boolean female = random.nextDouble() < 0.58;
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 65));
        String kecamatan = village.length() >= 6 ? village.substring(4, 6) : "01";
        String nik = district.code() + kecamatan
                + "%02d%02d%02d".formatted(birth.getDayOfMonth() + (female ? 40 : 0), birth.getMonthValue(),
                birth.getYear() % 100) + "%04d".formatted(1 + random.nextInt(9999));
        String kk = district.code() + kecamatan + "%010d".formatted(random.nextLong(10_000_000_000L));
        // Some visitors come without their NIK; Bantul had many people without one (2019 report).
        double noNik = BANTUL.equals(district.code()) ? 0.25 : 0.04;
        String name = GIVEN[random.nextInt(GIVEN.length)] + " " + FAMILY[random.nextInt(FAMILY.length)];
        String dtks = random.nextDouble() < 0.68 ? "DTKS" + district.code() + "%08d".formatted(random.nextInt(100_000_000)) : "";
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
        String[] fields = {
                "%s-%s-%05d".formatted(district.code(), month.toString().replace("-", ""), seq),
                workingDay(month, random).toString(), regionCode, servicePoint, channel,
                person[0], person[1], person[2], person[3], person[4], person[5], person[6],
                need(programme, random), programme};
        return fields;
    }

    static String csvLine(String[] fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(Csv.quote(fields[i], ','));
        }
        return line.toString();
    }

    /** Desks are open Monday to Friday, a few Puskesos on Saturday. */
    private static LocalDate workingDay(YearMonth month, SplittableRandom random) {
        while (true) {
            LocalDate day = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
            DayOfWeek dow = day.getDayOfWeek();
            if (dow == DayOfWeek.SUNDAY || (dow == DayOfWeek.SATURDAY && random.nextDouble() > 0.1)) {
                continue;
            }
            return day;
        }
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
