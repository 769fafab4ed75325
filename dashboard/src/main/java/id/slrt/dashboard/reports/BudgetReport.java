package id.slrt.dashboard.reports;

import java.util.List;

/**
 * The budget report of a region and a year (or years) for Bappeda planners: visits, people served,
 * referrals and completion by district and programme, with totals and the change on the same span a
 * year earlier. Counts only, as the warehouse has them: the files show them through the disclosure policy.
 *
 * @param regionLabel "Nasional", "DI Yogyakarta" or "Kab. Sleman (3404)"
 * @param lines       per district: its programmes, then the district's total ({@code programme} null)
 * @param total       the region's total
 */
public record BudgetReport(String regionLabel, int fromYear, int toYear, String snapshot, List<Line> lines, Line total) {

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
    public static final List<String> HEADERS = List.of("Kode", "Kabupaten/Kota", "Program", "Kunjungan",
            "Kunjungan tahun sebelumnya", "Perubahan", "Orang terlayani", "Rujukan", "Rujukan selesai", "Tingkat penyelesaian");
}
