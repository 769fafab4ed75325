package id.slrt.dashboard.referrals;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Tables;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The referrals view's numbers: outcomes by programme and by destination agency, the monthly trend and
 * the open backlog by age band. Tables: referrals_monthly (%1$s), referral_backlog (%2$s).
 *
 * <p>Days to completion are kept per district, month, programme and agency as exact percentiles; over
 * several of those groups the screen shows their average weighted by completed referrals, an
 * approximation of the overall median and 90th percentile (said so on screen).
 */
@Service
public class ReferralsService {

    static final String OUTCOMES_SQL = """
            SELECT CASE WHEN GROUPING(programme) = 0 THEN 'programme'
                        WHEN GROUPING(agency) = 0 THEN 'agency' ELSE 'total' END AS dimension,
                   coalesce(programme, agency, '') AS value,
                   sum(referred), sum(completed), sum(declined), sum(open), sum(completed_within_sla),
                   sum(days_to_complete_p50 * completed) / nullif(sum(completed) FILTER (days_to_complete_p50 IS NOT NULL), 0),
                   sum(days_to_complete_p90 * completed) / nullif(sum(completed) FILTER (days_to_complete_p90 IS NOT NULL), 0)
            FROM %1$s%3$s
            GROUP BY GROUPING SETS ((programme), (agency), ())
            ORDER BY dimension, sum(referred) DESC, value
            """;

    static final String TREND_SQL = """
            SELECT year, month, sum(referred), sum(completed), sum(declined), sum(open)
            FROM %1$s%3$s GROUP BY year, month ORDER BY year, month
            """;

    /** The backlog has no programme: it is filtered by period and region only. */
    static final String BACKLOG_SQL = """
            SELECT year, month, age_band, sum(open) FROM %2$s%3$s GROUP BY year, month, age_band ORDER BY year, month, age_band
            """;

    private final Warehouse warehouse;

    public ReferralsService(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Outcomes of one programme, one agency, or all ({@code value} empty). */
    public record Outcome(String dimension, String value, long referred, long completed, long declined, long open,
                          long completedWithinSla, Double daysP50, Double daysP90) {

        public Double completionRate() {
            return referred == 0 ? null : completed / (double) referred;
        }

        public Double declinedShare() {
            return referred == 0 ? null : declined / (double) referred;
        }

        public Double withinSlaShare() {
            return completed == 0 ? null : completedWithinSla / (double) completed;
        }
    }

    public record Month(YearMonth month, long referred, long completed, long declined, long open) {
    }

    /** Open referrals at one month end in one age band (0-30, 31-90, >90 days). */
    public record Backlog(YearMonth month, String band, long open) {
    }

    public List<Outcome> outcomes(Snapshot snapshot, Filters filters) {
        Tables t = tables(snapshot);
        if (t.missing()) {
            return List.of();
        }
        Filters.Where where = filters.where(true);
        return warehouse.query(t.sql(OUTCOMES_SQL.replace("%3$s", where.sql())), where.params(), rows -> {
            List<Outcome> outcomes = new ArrayList<>();
            while (rows.next()) {
                outcomes.add(new Outcome(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5), rows.getLong(6), rows.getLong(7), (Double) rows.getObject(8),
                        (Double) rows.getObject(9)));
            }
            return outcomes;
        });
    }

    public List<Month> trend(Snapshot snapshot, Filters filters) {
        Tables t = tables(snapshot);
        if (t.missing()) {
            return List.of();
        }
        Filters.Where where = filters.where(true);
        return warehouse.query(t.sql(TREND_SQL.replace("%3$s", where.sql())), where.params(), rows -> {
            List<Month> months = new ArrayList<>();
            while (rows.next()) {
                months.add(new Month(YearMonth.of(rows.getInt(1), rows.getInt(2)), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5), rows.getLong(6)));
            }
            return months;
        });
    }

    public List<Backlog> backlog(Snapshot snapshot, Filters filters) {
        Tables t = tables(snapshot);
        if (t.missing()) {
            return List.of();
        }
        Filters.Where where = filters.where(false);
        return warehouse.query(t.sql(BACKLOG_SQL.replace("%3$s", where.sql())), where.params(), rows -> {
            List<Backlog> backlog = new ArrayList<>();
            while (rows.next()) {
                backlog.add(new Backlog(YearMonth.of(rows.getInt(1), rows.getInt(2)), rows.getString(3), rows.getLong(4)));
            }
            return backlog;
        });
    }

    private Tables tables(Snapshot snapshot) {
        return Tables.of(warehouse, snapshot, "referrals_monthly", "referral_backlog");
    }
}
