package id.slrt.dashboard.visits;

/**
 * A kabupaten or kota that has visits in the warehouse.
 *
 * @param code 4-digit Kemendagri code, e.g. {@code 3404}
 * @param type {@code KABUPATEN} or {@code KOTA} from the regions reference; null when the reference
 *             does not know the code
 * @param name short name, e.g. {@code Sleman}; null when the reference does not know the code
 */
public record District(String code, String type, String name) {

    /** "Kab. Sleman (3404)", "Kota Yogyakarta (3471)", or just the code for an unknown region. */
    public String label() {
        if (name == null || name.isBlank()) {
            return code;
        }
        String prefix = switch (type == null ? "" : type) {
            case "KABUPATEN" -> "Kab. ";
            case "KOTA" -> "Kota ";
            default -> "";
        };
        return prefix + name + " (" + code + ")";
    }
}
