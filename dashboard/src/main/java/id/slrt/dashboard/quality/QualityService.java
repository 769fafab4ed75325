package id.slrt.dashboard.quality;

import id.slrt.dashboard.security.RegionScope;
import java.time.YearMonth;
import java.util.List;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.ScopedQuery;

/**
 * The data-quality view's numbers: quarantined rows by reason and by district, the shares of visits
 * without NIK and not in DTKS, and the districts that sent no export in the latest month, from
 * quality_monthly, quarantine_monthly, district_activity and regions, through {@link ScopedQuery}.
 */
@Service
public class QualityService {

    static final String REASONS_SQL = """
            SELECT reason, sum(rows) FROM {quarantine_monthly} WHERE {period} AND {region} GROUP BY reason ORDER BY sum(rows) DESC, reason
            """;

    static final String TREND_SQL = """
            SELECT year, month, sum(visits), sum(visits_without_nik), sum(visits_not_in_dtks), sum(quarantined_rows)
            FROM {quality_monthly} WHERE {period} AND {region} GROUP BY year, month ORDER BY year, month
            """;

    static final String DISTRICTS_SQL = """
            SELECT q.district_code, any_value(r.type), any_value(r.name), sum(q.visits), sum(q.quarantined_rows),
                   sum(q.visits_without_nik), sum(q.visits_not_in_dtks)
            FROM {quality_monthly} q LEFT JOIN {regions} r ON r.code = q.district_code
            WHERE {period:q} AND {region:q}
            GROUP BY q.district_code
            ORDER BY sum(q.quarantined_rows) DESC, q.district_code
            """;

    /** Districts running SLRT before the latest month whose last export is older. */
    static final String SILENT_SQL = """
            SELECT a.district_code, r.type, r.name, a.last_active_month
            FROM {district_activity} a LEFT JOIN {regions} r ON r.code = a.district_code
            WHERE a.last_active_month < :latest AND {region:a}
            ORDER BY a.last_active_month DESC, a.district_code
            """;

    /** The screen shows all four tables or none. */
    private static final String[] TABLES = {"quality_monthly", "quarantine_monthly", "district_activity", "regions"};

    private final ScopedQuery queries;

    public QualityService(ScopedQuery queries) {
        this.queries = queries;
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
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        return queries.sql(snapshot, scoped, REASONS_SQL).requires(TABLES).list(
                row -> new Reason(row.getString(1), row.getLong(2)));
    }

    public List<Month> trend(Snapshot snapshot, Filters filters) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        return queries.sql(snapshot, scoped, TREND_SQL).requires(TABLES).list(
                row -> new Month(YearMonth.of(row.getInt(1), row.getInt(2)), row.getLong(3), row.getLong(4),
                        row.getLong(5), row.getLong(6)));
    }

    public List<District> districts(Snapshot snapshot, Filters filters) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        return queries.sql(snapshot, scoped, DISTRICTS_SQL).requires(TABLES).list(
                row -> new District(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), row.getLong(7)));
    }

    /** Districts of the region whose last export is before {@code latest} (the snapshot's last month). */
    public List<Silent> silent(Snapshot snapshot, Filters filters, YearMonth latest) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        if (latest == null) {
            return List.of();
        }
        return queries.sql(snapshot, scoped, SILENT_SQL).requires(TABLES).bind("latest", latest.toString()).list(
                row -> new Silent(row.getString(1), row.getString(2), row.getString(3), YearMonth.parse(row.getString(4))));
    }

}
