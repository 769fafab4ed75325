package id.slrt.dashboard.quality;

import id.slrt.dashboard.security.RegionScope;
import java.time.YearMonth;
import java.util.List;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Tables;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The data-quality view's numbers: quarantined rows by reason and by district, the shares of visits
 * without NIK and not in DTKS, and the districts that sent no export in the latest month. Tables:
 * quality_monthly (%1$s), quarantine_monthly (%2$s), district_activity (%3$s), regions (%4$s).
 */
@Service
public class QualityService {

    static final String REASONS_SQL = """
            SELECT reason, sum(rows) FROM %2$s%5$s GROUP BY reason ORDER BY sum(rows) DESC, reason
            """;

    static final String TREND_SQL = """
            SELECT year, month, sum(visits), sum(visits_without_nik), sum(visits_not_in_dtks), sum(quarantined_rows)
            FROM %1$s%5$s GROUP BY year, month ORDER BY year, month
            """;

    static final String DISTRICTS_SQL = """
            SELECT q.district_code, any_value(r.type), any_value(r.name), sum(q.visits), sum(q.quarantined_rows),
                   sum(q.visits_without_nik), sum(q.visits_not_in_dtks)
            FROM %1$s q LEFT JOIN %4$s r ON r.code = q.district_code%5$s
            GROUP BY q.district_code
            ORDER BY sum(q.quarantined_rows) DESC, q.district_code
            """;

    /** Districts running SLRT before the latest month whose last export is older. */
    static final String SILENT_SQL = """
            SELECT a.district_code, r.type, r.name, a.last_active_month
            FROM %3$s a LEFT JOIN %4$s r ON r.code = a.district_code
            WHERE a.last_active_month < ?%5$s
            ORDER BY a.last_active_month DESC, a.district_code
            """;

    private final Warehouse warehouse;

    public QualityService(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public record Reason(String code, long rows) {
    }

    public record Month(YearMonth month, long visits, long withoutNik, long notInDtks, long quarantined) {
    }

    public record District(String code, String type, String name, long visits, long quarantined, long withoutNik,
                           long notInDtks) {

        public Double withoutNikShare() {
            return visits == 0 ? null : withoutNik / (double) visits;
        }

        public Double notInDtksShare() {
            return visits == 0 ? null : notInDtks / (double) visits;
        }
    }

    public record Silent(String code, String type, String name, YearMonth lastActive) {
    }

    public List<Reason> reasons(Snapshot snapshot, Filters filters) {
        filters = RegionScope.current().enforce(filters);
        Tables t = tables(snapshot);
        if (t.missing()) {
            return List.of();
        }
        Filters.Where where = filters.where(false);
        return warehouse.list(t.sql(REASONS_SQL.replace("%5$s", where.sql())), where.params(),
                row -> new Reason(row.getString(1), row.getLong(2)));
    }

    public List<Month> trend(Snapshot snapshot, Filters filters) {
        filters = RegionScope.current().enforce(filters);
        Tables t = tables(snapshot);
        if (t.missing()) {
            return List.of();
        }
        Filters.Where where = filters.where(false);
        return warehouse.list(t.sql(TREND_SQL.replace("%5$s", where.sql())), where.params(),
                row -> new Month(YearMonth.of(row.getInt(1), row.getInt(2)), row.getLong(3), row.getLong(4),
                        row.getLong(5), row.getLong(6)));
    }

    public List<District> districts(Snapshot snapshot, Filters filters) {
        filters = RegionScope.current().enforce(filters);
        Tables t = tables(snapshot);
        if (t.missing()) {
            return List.of();
        }
        Filters.Where where = filters.where(false);
        String conditions = where.sql().replace("district_code", "q.district_code").replace("province_code", "q.province_code");
        return warehouse.list(t.sql(DISTRICTS_SQL.replace("%5$s", conditions)), where.params(),
                row -> new District(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), row.getLong(7)));
    }

    /** Districts of the region whose last export is before {@code latest} (the snapshot's last month). */
    public List<Silent> silent(Snapshot snapshot, Filters filters, YearMonth latest) {
        filters = RegionScope.current().enforce(filters);
        Tables t = tables(snapshot);
        if (t.missing() || latest == null) {
            return List.of();
        }
        Filters.Where region = filters.whereRegion();
        String conditions = region.and().replace("district_code", "a.district_code").replace("province_code", "a.province_code");
        return warehouse.list(t.sql(SILENT_SQL.replace("%5$s", conditions)), region.after(latest.toString()),
                row -> new Silent(row.getString(1), row.getString(2), row.getString(3), YearMonth.parse(row.getString(4))));
    }

    private Tables tables(Snapshot snapshot) {
        return Tables.of(warehouse, snapshot, "quality_monthly", "quarantine_monthly", "district_activity", "regions");
    }
}
