package id.slrt.etl.visits;

import java.util.List;

/** The visits export (kunjungan) as the SLRT application writes it: docs/domain.md. */
public final class VisitExport {
    private VisitExport() {
    }

    public static final List<String> COLUMNS = List.of(
            "id_kunjungan", "tanggal_kunjungan", "kode_wilayah", "lokasi_layanan", "kanal", "nik", "no_kk",
            "nama", "id_dtks", "jenis_kelamin", "tanggal_lahir", "disabilitas", "kebutuhan", "program");

    public static final List<String> SERVICE_POINTS = List.of("SEKRETARIAT", "PUSKESOS", "PENJANGKAUAN");
    public static final List<String> CHANNELS = List.of("DATANG_LANGSUNG", "FASILITATOR", "TELEPON", "DARING");
    public static final List<String> NEEDS = List.of("KESEHATAN", "PENDIDIKAN", "PANGAN", "BANTUAN_TUNAI",
            "ADMINDUK", "DISABILITAS", "PERUMAHAN", "PEKERJAAN", "LAINNYA");
    public static final List<String> PROGRAMMES = List.of("PKH", "BPNT", "KIS", "KIP", "RASTRA", "KUBE", "RTLH",
            "ATENSI", "SKTM", "ADMINDUK", "APBD", "INFORMASI", "LAINNYA");

    /** SLRT started in 2016: an earlier visit date is a typing error. */
    public static final int FIRST_YEAR = 2016;
}
