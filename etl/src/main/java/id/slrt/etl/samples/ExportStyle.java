package id.slrt.etl.samples;

import id.slrt.etl.regions.Csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * How one district's SLRT application writes its exports. The messy styles are the variants real exports
 * show and the ETL accepts (docs/domain.md): semicolons, Windows-1252 or a BOM, headers in other
 * spellings, dates as 04/06/2018 or 04-06-2018, the district's name ("Kab. Sleman", "SLEMAN") where the desk
 * records no village. A district keeps its style in every file.
 */
record ExportStyle(char delimiter, Charset charset, boolean bom, Header header, DateStyle dates,
                   boolean districtNames) {
    static final ExportStyle CLEAN = new ExportStyle(',', StandardCharsets.UTF_8, false, Header.CANONICAL, DateStyle.ISO,
            false);

    static final Set<String> DATE_COLUMNS = Set.of("tanggal_kunjungan", "tanggal_lahir", "tanggal_rujukan",
            "tanggal_status");

    enum Header {
        CANONICAL, TITLE_CASE, INDONESIAN_LABELS;

        /** The labels some district applications print instead of the column names. */
        private static final Map<String, String> LABELS = Map.ofEntries(
                Map.entry("id_kunjungan", "No Kunjungan"), Map.entry("tanggal_kunjungan", "Tgl Kunjungan"),
                Map.entry("kode_wilayah", "Kode Desa"), Map.entry("lokasi_layanan", "Tempat Layanan"),
                Map.entry("kanal", "Saluran"), Map.entry("nik", "NIK"), Map.entry("no_kk", "No. KK"),
                Map.entry("nama", "Nama Lengkap"), Map.entry("id_dtks", "ID DTKS"), Map.entry("jenis_kelamin", "JK"),
                Map.entry("tanggal_lahir", "Tgl Lahir"), Map.entry("disabilitas", "Difabel"),
                Map.entry("kebutuhan", "Jenis Kebutuhan"), Map.entry("program", "Program Bantuan"),
                Map.entry("id_rujukan", "No Rujukan"), Map.entry("tanggal_rujukan", "Tgl Rujukan"),
                Map.entry("instansi_tujuan", "Tujuan Rujukan"), Map.entry("status", "Status Rujukan"),
                Map.entry("tanggal_status", "Tgl Status"), Map.entry("alasan", "Keterangan"));

        String label(String column) {
            return switch (this) {
                case CANONICAL -> column;
                case TITLE_CASE -> java.util.Arrays.stream(column.split("_"))
                        .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining(" "));
                case INDONESIAN_LABELS -> LABELS.getOrDefault(column, column);
            };
        }
    }

    enum DateStyle {
        ISO, SLASHES, DASHES;

        /** 2018-06-04 as this style writes it. */
        String format(String iso) {
            if (this == ISO || iso.length() != 10) {
                return iso;
            }
            String sep = this == SLASHES ? "/" : "-";
            return iso.substring(8, 10) + sep + iso.substring(5, 7) + sep + iso.substring(0, 4);
        }
    }

    static ExportStyle draw(SplittableRandom random) {
        char delimiter = random.nextDouble() < 0.25 ? ';' : ',';
        double encoding = random.nextDouble();
        Charset charset = encoding < 0.1 ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
        boolean bom = encoding >= 0.1 && encoding < 0.25;
        double header = random.nextDouble();
        Header h = header < 0.6 ? Header.CANONICAL : header < 0.85 ? Header.TITLE_CASE : Header.INDONESIAN_LABELS;
        double dates = random.nextDouble();
        DateStyle d = dates < 0.65 ? DateStyle.ISO : dates < 0.9 ? DateStyle.SLASHES : DateStyle.DASHES;
        return new ExportStyle(delimiter, charset, bom, h, d, random.nextDouble() < 0.2);
    }

    /** One data line: dates in this style, quoting where needed. */
    String line(List<String> columns, String[] fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            String value = i < columns.size() && DATE_COLUMNS.contains(columns.get(i)) ? dates.format(fields[i]) : fields[i];
            line.append(Csv.quote(value, delimiter));
        }
        return line.toString();
    }

    String header(List<String> columns) {
        return columns.stream().map(header::label).map(l -> Csv.quote(l, delimiter))
                .collect(Collectors.joining(String.valueOf(delimiter)));
    }

    /**
     * Writes (or appends to) an export: the header when the file is new, then the lines as given, each
     * ended by a newline except a cut-off last line. Returns whether the file was created.
     */
    boolean write(Path file, List<String> columns, List<String> lines, String cutOffLastLine) {
        try {
            Files.createDirectories(file.getParent());
            boolean created = !Files.exists(file);
            try (BufferedWriter w = Files.newBufferedWriter(file, charset, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                if (created) {
                    if (bom) {
                        w.write('\uFEFF');
                    }
                    w.write(header(columns));
                    w.write(lineEnd());
                }
                for (String line : lines) {
                    w.write(line);
                    w.write(lineEnd());
                }
                if (cutOffLastLine != null) {
                    w.write(cutOffLastLine);
                }
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Applications that write semicolons are Windows-made: they end lines with CRLF. */
    private String lineEnd() {
        return delimiter == ';' ? "\r\n" : "\n";
    }
}
