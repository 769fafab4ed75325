package id.slrt.etl.ingest;

/**
 * Why a row was quarantined or a file rejected, with the message an operator reads, in Bahasa
 * Indonesia and English. The code is what the warehouse stores; the texts are for people.
 */
public enum Reason {
    // Whole files
    EMPTY_FILE("Berkas kosong", "The file is empty"),
    BINARY_FILE("Berkas bukan teks CSV atau XLSX (berisi byte biner)", "Not a CSV or XLSX text file (binary content)"),
    FILE_TOO_LARGE("Berkas terlalu besar; pecah ekspor per bulan", "File too large; split the export by month"),
    UNREADABLE_FILE("Berkas tidak dapat dibaca", "The file cannot be read"),
    UNKNOWN_KIND("Judul kolom bukan ekspor kunjungan (id_kunjungan) atau rujukan (id_rujukan)",
            "Header is neither a visits (id_kunjungan) nor a referrals (id_rujukan) export"),
    MISSING_COLUMNS("Kolom wajib tidak ada", "Required column missing"),
    XLSX_TOO_LARGE("Isi berkas XLSX terlalu besar saat dibuka (mungkin bom zip); simpan ulang atau pecah ekspor",
            "The XLSX content is too large once unpacked (possibly a zip bomb); save it again or split the export"),
    XML_TOO_COMPLEX("Struktur XML di dalam XLSX terlalu dalam, terlalu banyak, atau memakai DTD",
            "The XML inside the XLSX is nested too deep, too large, or uses a DTD"),
    TOO_MANY_COLUMNS("Terlalu banyak kolom (Excel paling banyak 16.384)", "Too many columns (Excel has at most 16,384)"),
    LINE_TOO_LONG("Baris judul kolom terlalu panjang", "The header line is too long"),
    TOO_MANY_ROWS("Terlalu banyak baris dalam satu berkas; pecah ekspor per bulan",
            "Too many rows in one file; split the export by month"),
    NOT_A_FILE("Bukan berkas biasa (tautan simbolik atau berkas khusus); tidak dibaca",
            "Not a regular file (symbolic link or special file); not read"),
    FILE_CHANGED("Berkas berubah selama dibaca; akan dibaca lagi pada proses berikutnya",
            "The file changed while it was read; the next run reads it again"),
    READER_CRASHED("Pembaca berhenti saat membaca berkas ini pada percobaan sebelumnya",
            "The reader stopped while reading this file in an earlier attempt"),
    // Rows
    WRONG_FIELD_COUNT("Jumlah kolom baris tidak sama dengan judul", "The row's number of fields differs from the header"),
    TRUNCATED_ROW("Baris terakhir terpotong", "The last row is cut off"),
    FIELD_TOO_LONG("Isi kolom terlalu panjang", "A field is too long"),
    RECORD_TOO_LONG("Baris terlalu panjang", "The row is too long"),
    UNTERMINATED_QUOTE("Tanda kutip tidak ditutup sampai akhir berkas", "A quote is not closed before the end of the file"),
    MISSING_VISIT_ID("id_kunjungan kosong", "id_kunjungan is empty"),
    MISSING_REFERRAL_ID("id_rujukan kosong", "id_rujukan is empty"),
    BAD_DATE("Tanggal tidak dikenali (pakai 2018-06-04, 04/06/2018 atau 04-06-2018)",
            "Date not recognised (use 2018-06-04, 04/06/2018 or 04-06-2018)"),
    DATE_OUT_OF_RANGE("Tanggal sebelum 2016 atau di masa depan", "Date before 2016 or in the future"),
    MISSING_REGION("kode_wilayah kosong", "kode_wilayah is empty"),
    UNKNOWN_REGION("Kode atau nama wilayah tidak ada di referensi Kemendagri",
            "Region code or name not in the Kemendagri reference"),
    AMBIGUOUS_REGION("Nama wilayah cocok dengan lebih dari satu kabupaten/kota (tulis Kab. atau Kota)",
            "Region name matches more than one district (write Kab. or Kota)"),
    UNKNOWN_PROGRAMME("Program tidak dikenal", "Unknown programme"),
    UNKNOWN_CODE("Kode tidak dikenal", "Unknown code"),
    DUPLICATE("Kunjungan/rujukan yang sama sudah ada di ekspor lain (dihitung sekali)",
            "The same visit/referral is in another export (counted once)"),
    REFERRAL_WITHOUT_VISIT("Rujukan tanpa kunjungan yang dikenal", "Referral without a known visit"),
    AMBIGUOUS_VISIT("id_kunjungan ada di lebih dari satu kabupaten/kota", "id_kunjungan exists in more than one district"),
    OTHER_DISTRICT("Baris dari kabupaten/kota lain daripada folder berkasnya",
            "Row from another district than its file's folder");

    private final String indonesian;
    private final String english;

    Reason(String indonesian, String english) {
        this.indonesian = indonesian;
        this.english = english;
    }

    public String indonesian() {
        return indonesian;
    }

    public String english() {
        return english;
    }
}
