package id.slrt.dashboard.visits;

import java.time.YearMonth;
import java.util.List;

import id.slrt.dashboard.alerts.AlertsService;
import id.slrt.dashboard.outlook.OutlookService;

/**
 * What the district page draws behind and after its columns: model outputs, not counts of people.
 *
 * @param latest   the snapshot's last month with data; null without data
 * @param band     the usual range of the shown year's months that have one, January first
 * @param forecast the twelve months after {@code latest} (visits, the page's programme or all), January
 *                 first; empty unless the shown year holds {@code latest}, or the history is too short
 */
public record DistrictOutlook(YearMonth latest, List<AlertsService.Expected> band, List<OutlookService.Outlook> forecast) {

    static final DistrictOutlook NONE = new DistrictOutlook(null, List.of(), List.of());
}
