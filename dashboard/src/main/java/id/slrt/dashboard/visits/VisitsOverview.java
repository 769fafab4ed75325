package id.slrt.dashboard.visits;

import java.util.List;
import java.util.Optional;

import id.slrt.dashboard.warehouse.Snapshot;

/**
 * Everything the monthly-visits screen shows, read from one snapshot so the pickers and the chart
 * always agree even if the ETL publishes in between.
 *
 * @param snapshot  empty when the ETL has never published (no {@code CURRENT})
 * @param districts districts with visits, by code
 * @param district  the district shown: the requested one, else the default; null when there is none
 * @param years     years with visits for {@code district}, ascending
 * @param year      the year shown: the requested one, else the latest with data; null when none
 * @param monthly   the twelve monthly totals; null when no district and year could be chosen
 */
public record VisitsOverview(Optional<Snapshot> snapshot, List<District> districts, District district,
                             List<Integer> years, Integer year, MonthlyVisits monthly) {

    static VisitsOverview noSnapshot() {
        return new VisitsOverview(Optional.empty(), List.of(), null, List.of(), null, null);
    }

    public boolean hasData() {
        return monthly != null && !monthly.isEmpty();
    }

    /** Whether {@code district} is one of {@code districts} (false for an unknown code in the URL). */
    public boolean districtHasData() {
        return district != null && districts.contains(district);
    }
}
