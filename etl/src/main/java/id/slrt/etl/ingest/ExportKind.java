package id.slrt.etl.ingest;

import id.slrt.etl.visits.VisitExport;

import java.util.List;
import java.util.Map;

/**
 * The two record kinds of an SLRT export, with their canonical columns (docs/domain.md) and the
 * other header names operators' files use for them. A file's kind comes from its header, not its name.
 */
public enum ExportKind {
    VISITS(VisitExport.COLUMNS,
            List.of("id_kunjungan", "tanggal_kunjungan", "kode_wilayah", "program")),
    REFERRALS(List.of("id_rujukan", "id_kunjungan", "tanggal_rujukan", "instansi_tujuan", "program", "status",
            "tanggal_status", "alasan"),
            List.of("id_rujukan", "id_kunjungan", "tanggal_rujukan", "status"));

    private final List<String> columns;
    private final List<String> required;

    ExportKind(List<String> columns, List<String> required) {
        this.columns = columns;
        this.required = required;
    }

    public List<String> columns() {
        return columns;
    }

    /** Columns without which no row of the file can be used: the file is rejected. */
    public List<String> required() {
        return required;
    }

    /** Other names seen in exports, already normalised by {@link #normaliseHeader(String)}. */
    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("no_kunjungan", "id_kunjungan"), Map.entry("nomor_kunjungan", "id_kunjungan"),
            Map.entry("kunjungan_id", "id_kunjungan"),
            Map.entry("tgl_kunjungan", "tanggal_kunjungan"), Map.entry("tanggal", "tanggal_kunjungan"),
            Map.entry("kode_desa", "kode_wilayah"), Map.entry("kode_daerah", "kode_wilayah"),
            Map.entry("wilayah", "kode_wilayah"), Map.entry("kode_kabupaten", "kode_wilayah"),
            Map.entry("kabupaten_kota", "kode_wilayah"), Map.entry("kab_kota", "kode_wilayah"),
            Map.entry("lokasi", "lokasi_layanan"), Map.entry("tempat_layanan", "lokasi_layanan"),
            Map.entry("saluran", "kanal"), Map.entry("kanal_layanan", "kanal"),
            Map.entry("no_nik", "nik"), Map.entry("nomor_nik", "nik"), Map.entry("nomor_induk_kependudukan", "nik"),
            Map.entry("nomor_kk", "no_kk"), Map.entry("nokk", "no_kk"), Map.entry("no_kartu_keluarga", "no_kk"),
            Map.entry("nomor_kartu_keluarga", "no_kk"),
            Map.entry("nama_lengkap", "nama"), Map.entry("nama_pemohon", "nama"),
            Map.entry("no_dtks", "id_dtks"), Map.entry("dtks", "id_dtks"), Map.entry("id_bdt", "id_dtks"),
            Map.entry("jk", "jenis_kelamin"), Map.entry("kelamin", "jenis_kelamin"),
            Map.entry("tgl_lahir", "tanggal_lahir"),
            Map.entry("penyandang_disabilitas", "disabilitas"), Map.entry("difabel", "disabilitas"),
            Map.entry("jenis_kebutuhan", "kebutuhan"), Map.entry("kategori_kebutuhan", "kebutuhan"),
            Map.entry("program_bantuan", "program"), Map.entry("jenis_program", "program"),
            Map.entry("no_rujukan", "id_rujukan"), Map.entry("nomor_rujukan", "id_rujukan"),
            Map.entry("tgl_rujukan", "tanggal_rujukan"),
            Map.entry("tujuan_rujukan", "instansi_tujuan"), Map.entry("instansi", "instansi_tujuan"),
            Map.entry("status_rujukan", "status"),
            Map.entry("tgl_status", "tanggal_status"), Map.entry("tanggal_update", "tanggal_status"),
            Map.entry("alasan_ditolak", "alasan"), Map.entry("keterangan", "alasan"));

    /** " Tanggal  Kunjungan" and "TGL-KUNJUNGAN" become tanggal_kunjungan's spelling rules. */
    public static String normaliseHeader(String header) {
        String name = header.replace("\uFEFF", "").strip().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return ALIASES.getOrDefault(name, name);
    }

    /** A canonical column name of either kind (a header word, never personal data). */
    static boolean isKnownColumn(String canonicalName) {
        return VISITS.columns.contains(canonicalName) || REFERRALS.columns.contains(canonicalName);
    }

    /** The kind a header says the file is, or null when it is neither. */
    public static ExportKind of(List<String> canonicalHeader) {
        if (canonicalHeader.contains("id_rujukan")) {
            return REFERRALS;
        }
        return canonicalHeader.contains("id_kunjungan") ? VISITS : null;
    }
}
