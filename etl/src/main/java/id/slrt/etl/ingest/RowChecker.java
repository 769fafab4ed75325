package id.slrt.etl.ingest;

import id.slrt.etl.visits.VisitExport;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one export row against the rules of docs/domain.md and turns it into a staged row:
 * codes normalised, dates parsed, personal numbers replaced by pseudonyms, names dropped. The first
 * problem found is the row's quarantine reason.
 */
public final class RowChecker implements Serializable {
    private static final long serialVersionUID = 1L;

    static final Set<String> STATUSES = Set.of("DIRUJUK", "DIPROSES", "SELESAI", "DITOLAK");
    static final Set<String> AGENCIES = Set.of("DINKES", "DISDIK", "DISDUKCAPIL", "BPJS", "DINSOS", "BANK_PENYALUR",
            "PEMDES", "NON_PEMERINTAH");
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("dd-MM-uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT));
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");
    private static final Pattern EXCEL_SERIAL = Pattern.compile("\\d{5}(\\.\\d+)?");
    private static final LocalDate FIRST_DAY = LocalDate.of(VisitExport.FIRST_YEAR, 1, 1);
    /** Excel's day 0 for date cells stored as serial numbers. */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private final RegionResolver regions;
    private final Pseudonymizer pseudonyms;
    private final LocalDate today;

    public RowChecker(RegionResolver regions, Pseudonymizer pseudonyms, LocalDate today) {
        this.regions = regions;
        this.pseudonyms = pseudonyms;
        this.today = today;
    }

    /** The canonical values of one record, by column name; absent columns read as "". */
    public interface Values {
        String get(String column);
    }

    public StagedRow visit(Values v, boolean xlsx) {
        StagedRow row = new StagedRow(StagedRow.VISIT);
        row.idKunjungan = v.get("id_kunjungan").strip();
        if (row.idKunjungan.isEmpty()) {
            return row.reject(Reason.MISSING_VISIT_ID, "id_kunjungan");
        }
        if (dateProblem(row, v.get("tanggal_kunjungan"), xlsx, "tanggal_kunjungan", true)) {
            return row;
        }
        RegionResolver.Resolved region = regions.resolve(v.get("kode_wilayah"));
        if (region.problem() != null) {
            return row.reject(region.problem(), "kode_wilayah");
        }
        row.districtCode = region.district();
        row.programme = code(v.get("program"));
        if (!VisitExport.PROGRAMMES.contains(row.programme)) {
            return row.reject(Reason.UNKNOWN_PROGRAMME, "program");
        }
        row.servicePoint = optionalCode(v.get("lokasi_layanan"));
        if (row.servicePoint != null && !VisitExport.SERVICE_POINTS.contains(row.servicePoint)) {
            return row.reject(Reason.UNKNOWN_CODE, "lokasi_layanan");
        }
        row.channel = optionalCode(v.get("kanal"));
        if (row.channel != null && !VisitExport.CHANNELS.contains(row.channel)) {
            return row.reject(Reason.UNKNOWN_CODE, "kanal");
        }
        row.need = optionalCode(v.get("kebutuhan"));
        if (row.need != null && !VisitExport.NEEDS.contains(row.need)) {
            return row.reject(Reason.UNKNOWN_CODE, "kebutuhan");
        }
        String nik = digits(v.get("nik"));
        row.hasNik = nik.length() == 16;
        row.personKey = row.hasNik ? pseudonyms.pseudonym(nik) : null;
        String kk = digits(v.get("no_kk"));
        row.householdKey = kk.length() == 16 ? pseudonyms.pseudonym(kk) : null;
        row.inDtks = !v.get("id_dtks").isBlank();
        row.sex = switch (code(v.get("jenis_kelamin"))) {
            case "L", "LAKI_LAKI", "LAKI" -> "L";
            case "P", "PEREMPUAN", "WANITA" -> "P";
            default -> null;
        };
        row.disability = switch (code(v.get("disabilitas"))) {
            case "Y", "YA", "1", "TRUE" -> Boolean.TRUE;
            case "T", "TIDAK", "N", "0", "FALSE" -> Boolean.FALSE;
            default -> null;
        };
        return row;
    }

    public StagedRow referral(Values v, boolean xlsx) {
        StagedRow row = new StagedRow(StagedRow.REFERRAL);
        row.idRujukan = v.get("id_rujukan").strip();
        if (row.idRujukan.isEmpty()) {
            return row.reject(Reason.MISSING_REFERRAL_ID, "id_rujukan");
        }
        row.idKunjungan = v.get("id_kunjungan").strip();
        if (row.idKunjungan.isEmpty()) {
            return row.reject(Reason.MISSING_VISIT_ID, "id_kunjungan");
        }
        if (dateProblem(row, v.get("tanggal_rujukan"), xlsx, "tanggal_rujukan", true)) {
            return row;
        }
        row.status = code(v.get("status"));
        if (!STATUSES.contains(row.status)) {
            return row.reject(Reason.UNKNOWN_CODE, "status");
        }
        row.agency = optionalCode(v.get("instansi_tujuan"));
        if (row.agency != null && !AGENCIES.contains(row.agency)) {
            return row.reject(Reason.UNKNOWN_CODE, "instansi_tujuan");
        }
        row.programme = optionalCode(v.get("program"));
        if (row.programme != null && !VisitExport.PROGRAMMES.contains(row.programme)) {
            return row.reject(Reason.UNKNOWN_PROGRAMME, "program");
        }
        String statusDate = v.get("tanggal_status");
        if (statusDate.isBlank()) {
            row.statusDate = row.eventDate;
        } else if (dateProblem(row, statusDate, xlsx, "tanggal_status", false)) {
            return row;
        }
        return row;
    }

    /** Parses a date into the row (event date or status date); true when the row got a reason instead. */
    private boolean dateProblem(StagedRow row, String text, boolean xlsx, String field, boolean event) {
        LocalDate date = parseDate(text, xlsx);
        if (date == null) {
            row.reject(Reason.BAD_DATE, field);
            return true;
        }
        if (date.isBefore(FIRST_DAY) || date.isAfter(today)) {
            row.reject(Reason.DATE_OUT_OF_RANGE, field);
            return true;
        }
        if (event) {
            row.eventDate = date;
        } else {
            row.statusDate = date;
        }
        return false;
    }

    static LocalDate parseDate(String text, boolean xlsx) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (xlsx && EXCEL_SERIAL.matcher(t).matches()) {
            return EXCEL_EPOCH.plusDays((long) Double.parseDouble(t));
        }
        if (t.length() > 10 && t.charAt(10) == 'T' || t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10);
        }
        for (DateTimeFormatter f : DATE_FORMATS) {
            try {
                return LocalDate.parse(t, f);
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        return null;
    }

    private static String code(String value) {
        if (value == null) {
            return "";
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        // Most codes are already clean: skip the regex for them (it is the parser's hot path).
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == '-' || Character.isWhitespace(c)) {
                return SEPARATORS.matcher(upper).replaceAll("_");
            }
        }
        return upper;
    }

    private static String optionalCode(String value) {
        String c = code(value);
        return c.isEmpty() ? null : c;
    }

    private static String digits(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
