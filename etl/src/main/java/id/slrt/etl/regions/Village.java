package id.slrt.etl.regions;

/** A desa/kelurahan: 10-digit Kemendagri code inside a 4-digit district. */
public record Village(String code, String name, String districtCode) {
}
