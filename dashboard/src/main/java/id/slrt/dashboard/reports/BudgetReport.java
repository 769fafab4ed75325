package id.slrt.dashboard.reports;

import java.time.YearMonth;
import java.util.List;

/**
 * The budget report of a region and a year (or years) for Bappeda planners: visits, people served,
 * referrals and completion by district and programme, with totals and the change on the same span a
 * year earlier. Counts only, as the warehouse has them: the files show them through the disclosure policy.
 *
 * @param regionLabel "Nasional", "DI Yogyakarta" or "Kab. Sleman (3404)"
 * @param lines       per district: its programmes, then the district's total ({@code programme} null)
 * @param total       the region's total
 * @param projection  the region's visits and referrals projected for the twelve months after the snapshot's
 *                    last month, whatever years the report covers
 * @param annotations the events users recorded for the region (or a region containing or inside it) in the
 *                    report's years: what explains a number, beside it
 */
public record BudgetReport(String regionLabel, int fromYear, int toYear, String snapshot, List<Line> lines, Line total,
                           Projection projection, List<id.slrt.dashboard.annotations.Annotation> annotations,
                           ReportMap map) {

    /**
     * The region's map for the PDF's first page: visits per 1,000 poor residents in the report's years.
     *
     * @param box    x, y, width, height of the outlines in map units (y down)
     * @param areas  each region's outline and colour; empty without outlines
     * @param legend the colour classes' fills and their ranges as text
     */
    public record ReportMap(String title, double[] box, List<id.slrt.dashboard.map.MapDrawing.Area> areas,
                            List<String[]> legend) {
        public static final ReportMap NONE = new ReportMap("", new double[4], List.of(), List.of());
    }

    /** The same report with its map. */
    public BudgetReport withMap(ReportMap next) {
        return new BudgetReport(regionLabel, fromYear, toYear, snapshot, lines, total, projection, annotations, next);
    }

    /** The same report with its projection. */
    public BudgetReport withProjection(Projection next) {
        return new BudgetReport(regionLabel, fromYear, toYear, snapshot, lines, total, next, annotations, map);
    }

    /** The same report with these annotations. */
    public BudgetReport withAnnotations(List<id.slrt.dashboard.annotations.Annotation> next) {
        return new BudgetReport(regionLabel, fromYear, toYear, snapshot, lines, total, projection, List.copyOf(next), map);
    }

    /** The annotations' columns in every file. */
    public static final List<String> ANNOTATION_HEADERS = List.of("Dari", "Sampai", "Wilayah", "Jenis", "Catatan");

    /**
     * The outlook's twelve forecast months summed over the region's districts: model outputs, not counts of
     * people. See docs/outlook.md for how the interval of a sum is taken.
     *
     * @param from  the first forecast month; {@code to} the last; null when there is no forecast
     * @param lines visits by programme, visits in all programmes, referrals made
     */
    public record Projection(YearMonth from, YearMonth to, List<Projected> lines) {

        public static final Projection NONE = new Projection(null, null, List.of());

        public boolean isEmpty() {
            return lines.isEmpty();
        }

        /** "2020" when the months are a calendar year, else "2019-07–2020-06". */
        public String label() {
            if (from == null) {
                return "";
            }
            return from.getMonthValue() == 1 && to.equals(from.plusMonths(11)) ? String.valueOf(from.getYear())
                    : from + "–" + to;
        }
    }

    /**
     * @param measure   {@code visits} or {@code referrals} (made), as the outlook names them
     * @param programme a programme of visits; null for all programmes (its own forecast, so the programmes
     *                  need not add up to it exactly) and for referrals
     * @param low       and {@code high}: the 80% interval of the sum
     */
    public record Projected(String measure, String programme, double expected, double low, double high) {
    }

    /**
     * @param people distinct people served (per year, summed over the years); only on totals, null on
     *               programme lines (one person asks for several programmes)
     */
    public record Line(String districtCode, String districtLabel, String programme, long visits, long visitsYearBefore,
                       Long people, long referred, long completed) {

        public boolean isTotal() {
            return programme == null;
        }

        /** Completion rate; null without referrals. Whether it may be shown: BudgetReportFiles#rows. */
        public Double completionRate() {
            return referred == 0 ? null : completed / (double) referred;
        }

        /** Change of visits on the year before; null without visits then. Whether it may be shown: BudgetReportFiles#rows. */
        public Double change() {
            return visitsYearBefore == 0 ? null : (visits - visitsYearBefore) / (double) visitsYearBefore;
        }
    }

    /** "2018" or "2017–2019". */
    public String years() {
        return fromYear == toYear ? String.valueOf(fromYear) : fromYear + "–" + toYear;
    }

    /** The column headers, in Bahasa Indonesia (the report's language). */
    public static final List<String> PROJECTION_HEADERS = List.of("Ukuran", "Program", "Perkiraan",
            "Batas bawah 80%", "Batas atas 80%");

    public static final List<String> HEADERS = List.of("Kode", "Kabupaten/Kota", "Program", "Kunjungan",
            "Kunjungan tahun sebelumnya", "Perubahan", "Orang terlayani", "Rujukan", "Rujukan selesai", "Tingkat penyelesaian");
}
