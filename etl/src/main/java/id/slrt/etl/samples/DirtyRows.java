package id.slrt.etl.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bad rows real exports carry (docs/domain.md), added on top of the clean rows so every clean
 * number still holds after the ETL quarantines them: unknown region codes, impossible dates, dates
 * before 2016 or in the future, empty ids, unknown programmes and codes, rows with missing fields, a
 * cut-off last line, and a second, partial export of the same month (its rows are duplicates).
 * Every bad row gets an id no clean row has (suffix -X).
 */
final class DirtyRows {
    /** What to add to one export: whole lines, and maybe a cut-off last line (no newline after it). */
    record Addition(List<String> lines, String cutOff) {
        static final Addition NONE = new Addition(List.of(), null);
    }

    private final SplittableRandom random;
    private final double fileShare;
    private final double rowRate;
    private long rows;

    /**
     * @param fileShare the share of a district's files that carry bad rows
     * @param rowRate   bad rows per clean row in such a file (at least one)
     */
    DirtyRows(SplittableRandom random, double fileShare, double rowRate) {
        this.random = random;
        this.fileShare = fileShare;
        this.rowRate = rowRate;
    }

    /** Bad rows written so far, re-exported duplicates included. */
    long rows() {
        return rows;
    }

    Addition visits(List<String> columns, List<String[]> clean, ExportStyle style) {
        if (clean.isEmpty() || random.nextDouble() >= fileShare) {
            return Addition.NONE;
        }
        List<String> lines = new ArrayList<>();
        int n = (int) Math.max(1, Math.round(clean.size() * rowRate * (0.5 + random.nextDouble())));
        for (int i = 1; i <= n; i++) {
            String[] row = clean.get(random.nextInt(clean.size())).clone();
            row[0] = row[0] + "-X" + i;
            switch (random.nextInt(7)) {
                case 0 -> row[2] = "99" + row[2].substring(2); // no province 99
                case 1 -> row[1] = (random.nextBoolean() ? "2015" : "20" + (30 + random.nextInt(60))) + row[1].substring(4);
                case 2 -> row[1] = row[1].substring(0, 5) + "02-30";
                case 3 -> row[0] = "";
                case 4 -> row[13] = random.nextBoolean() ? "BLT_DESA" : "BANSOS COVID";
                case 5 -> row[3] = "KANTOR_DESA"; // not a service point
                default -> row = Arrays.copyOf(row, row.length - 2); // an operator deleted cells
            }
            lines.add(style.line(columns, row));
        }
        rows += n;
        String cutOff = null;
        if (random.nextDouble() < 0.3) {
            String[] row = clean.get(random.nextInt(clean.size())).clone();
            row[0] = row[0] + "-X0";
            String line = style.line(columns, row);
            cutOff = line.substring(0, line.length() / 2);
            rows++;
        }
        return new Addition(lines, cutOff);
    }

    /** Some operators export a month twice: the second, earlier-cut export repeats its first rows. */
    List<String> reExport(List<String> lines) {
        if (lines.size() < 2 || random.nextDouble() >= 0.02) {
            return List.of();
        }
        List<String> again = lines.subList(0, 1 + random.nextInt(lines.size() - 1));
        rows += again.size();
        return again;
    }

    /** Bad referral states: a visit no export has, an unknown status, an impossible date. */
    List<String> referrals(List<String> columns, List<String[]> clean, ExportStyle style) {
        if (clean.isEmpty() || random.nextDouble() >= fileShare / 2) {
            return List.of();
        }
        String[] row = clean.get(random.nextInt(clean.size())).clone();
        row[0] = row[0] + "-X";
        switch (random.nextInt(3)) {
            case 0 -> row[1] = row[1] + "-X";
            case 1 -> row[5] = "BATAL";
            default -> row[2] = row[2].substring(0, 5) + "13-01";
        }
        rows++;
        return List.of(style.line(columns, row));
    }
}
