package id.slrt.etl.regions;

/**
 * A province (2-digit code) or a kabupaten/kota (4-digit code) from the Kemendagri reference.
 *
 * @param level PROVINSI or KABUPATEN_KOTA
 * @param type  PROVINSI, KABUPATEN or KOTA
 */
public record Region(String code, String level, String type, String name, String nameFull,
                     String provinceCode, String provinceName) {

    public boolean isDistrict() {
        return "KABUPATEN_KOTA".equals(level);
    }
}
