package id.slrt.dashboard.mail;

import java.time.YearMonth;
import java.util.List;

import id.slrt.dashboard.alerts.Alert;

/**
 * What the monthly mail says about a region: January to the report month, against the same months a
 * year earlier. Counts only.
 *
 * @param regionLabel "Kab. Sleman", "DI Yogyakarta"; null for national
 * @param from        January of the report month's year
 * @param to          the report month
 * @param peakMonth   the month with the most visits (the earlier on a tie); null without visits
 * @param referred    referrals made in the period; {@code completed} of them now SELESAI
 * @param alerts      the region's alerts of the report month (Peringatan), the most unusual first
 * @param alertRegions the names of the regions the alerts and annotations are about, by code
 * @param annotations the events users recorded for the region (or a region containing or inside it) in the report month
 */
record MonthlySummary(String regionLabel, YearMonth from, YearMonth to, long visits, long visitsYearBefore,
                      YearMonth peakMonth, long peakVisits, long referred, long completed, List<Alert> alerts,
                      java.util.Map<String, String> alertRegions,
                      List<id.slrt.dashboard.annotations.Annotation> annotations) {

    boolean hasData() {
        return visits > 0;
    }

    /** Completion rate; null without referrals. Whether it may be shown: the disclosure policy, in MonthlyReportMail. */
    Double completionRate() {
        return referred == 0 ? null : completed / (double) referred;
    }

    /** Change of visits on the same months a year earlier; null when there is nothing to compare. */
    Double change() {
        return visitsYearBefore == 0 ? null : (visits - visitsYearBefore) / (double) visitsYearBefore;
    }
}
