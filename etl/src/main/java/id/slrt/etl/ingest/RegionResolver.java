package id.slrt.etl.ingest;

import id.slrt.etl.regions.Region;
import id.slrt.etl.regions.Regions;
import id.slrt.etl.regions.Village;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns what an export has in {@code kode_wilayah} into a 4-digit district code: a 10-digit village
 * code, a 4-digit district code (dots allowed: 34.04), or a district name ("Kab. Sleman", "SLEMAN",
 * "Kota Yogyakarta"). Shipped to Spark executors, so it holds plain collections only.
 */
public final class RegionResolver implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String AMBIGUOUS = "?";

    private final Set<String> districts = new HashSet<>();
    private final Set<String> villages = new HashSet<>();
    private final Map<String, String> names = new HashMap<>();

    public RegionResolver(Regions regions) {
        for (Region r : regions.districts()) {
            districts.add(r.code());
            String name = normaliseName(r.name());
            String prefix = "KOTA".equals(r.type()) ? "KOTA " : "KABUPATEN ";
            names.put(prefix + name, r.code());
            names.merge(name, r.code(), (a, b) -> AMBIGUOUS);
        }
        for (List<Village> list : regions.villagesByDistrict().values()) {
            for (Village v : list) {
                villages.add(v.code());
            }
        }
    }

    /** Result: a district code, or a reason it has none. */
    public record Resolved(String district, Reason problem) {
    }

    public Resolved resolve(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return new Resolved(null, Reason.MISSING_REGION);
        }
        String digits = v.replace(".", "").replace(" ", "");
        if (digits.chars().allMatch(Character::isDigit)) {
            boolean known = switch (digits.length()) {
                case 4 -> districts.contains(digits);
                case 10 -> villages.contains(digits);
                case 6 -> districts.contains(digits.substring(0, 4));
                default -> false;
            };
            return known ? new Resolved(digits.substring(0, 4), null) : new Resolved(null, Reason.UNKNOWN_REGION);
        }
        String code = names.get(normaliseName(v));
        if (code == null) {
            return new Resolved(null, Reason.UNKNOWN_REGION);
        }
        return AMBIGUOUS.equals(code) ? new Resolved(null, Reason.AMBIGUOUS_REGION) : new Resolved(code, null);
    }

    /** "Kab. Sleman", "KABUPATEN  SLEMAN" and "kab sleman" are one name; "Kota Adm." drops "Adm.". */
    static String normaliseName(String name) {
        String n = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").strip();
        n = n.replaceFirst("^(KAB|KABUPATEN) ", "KABUPATEN ").replaceFirst("^(KOTA ADM|KOTA ADMINISTRASI) ", "KOTA ");
        return n.replaceFirst("^ADMINISTRASI ", "").replaceAll(" +", " ");
    }
}
