package id.slrt.dashboard.filters;

/**
 * A province or kabupaten/kota from the snapshot's {@code regions} reference.
 *
 * @param code         2-digit province or 4-digit district code
 * @param type         PROVINSI, KABUPATEN or KOTA; null when the reference does not know the code
 * @param name         short name (Sleman); null when unknown
 * @param provinceCode 2-digit province code
 */
public record Region(String code, String type, String name, String provinceCode) {

    /** "Kab. Sleman", "Kota Yogyakarta", "DI Yogyakarta", or the code when the reference lacks it. */
    public String label() {
        if (name == null || name.isBlank()) {
            return code;
        }
        return switch (type == null ? "" : type) {
            case "KABUPATEN" -> "Kab. " + name;
            case "KOTA" -> "Kota " + name;
            default -> name;
        };
    }

    /** "Kab. Sleman (3404)": for pickers, where the code helps people who know it. */
    public String labelWithCode() {
        return name == null || name.isBlank() ? code : label() + " (" + code + ")";
    }

    public boolean isDistrict() {
        return code.length() == 4;
    }
}
