package id.slrt.dashboard.referrals;

import id.slrt.dashboard.security.RegionScope;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.ScopedQuery;

/**
 * The referrals view's numbers: outcomes by programme and by destination agency, the monthly trend and
 * the open backlog by age band, from referrals_monthly and referral_backlog, through {@link ScopedQuery}.
 *
 * <p>Days to completion are kept per district, month, programme and agency as exact percentiles; over
 * several of those groups the screen shows their average weighted by completed referrals, an
 * approximation of the overall median and 90th percentile (said so on screen).
 */
@Service
public class ReferralsService {

    /** Per programme and agency (a few dozen pairs); the screen's three groupings are summed from them. */
    static final String OUTCOMES_SQL = """
            SELECT programme, agency, sum(referred), sum(completed), sum(declined), sum(open), sum(completed_within_sla),
                   sum(days_to_complete_p50 * completed) FILTER (days_to_complete_p50 IS NOT NULL),
                   sum(days_to_complete_p90 * completed) FILTER (days_to_complete_p90 IS NOT NULL),
                   sum(completed) FILTER (days_to_complete_p50 IS NOT NULL)
            FROM {referrals_monthly} WHERE {period} AND {region} AND {programme}
            GROUP BY programme, agency
            """;

    static final String TREND_SQL = """
            SELECT year, month, sum(referred), sum(completed), sum(declined), sum(open)
            FROM {referrals_monthly} WHERE {period} AND {region} AND {programme}
            GROUP BY year, month ORDER BY year, month
            """;

    /** The backlog has no programme: it is filtered by period and region only. */
    static final String BACKLOG_SQL = """
            SELECT year, month, age_band, sum(open) FROM {referral_backlog} WHERE {period} AND {region}
            GROUP BY year, month, age_band ORDER BY year, month, age_band
            """;

    /** The screen shows both tables or neither. */
    private static final String REFERRALS = "referrals_monthly";
    private static final String BACKLOG = "referral_backlog";

    private final ScopedQuery queries;

    public ReferralsService(ScopedQuery queries) {
        this.queries = queries;
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

    /** Outcomes by programme, then by agency (each largest first), then the total ({@code value} empty). */
    public List<Outcome> outcomes(Snapshot snapshot, Filters filters) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        Map<String, Sum> byProgramme = new TreeMap<>();
        Map<String, Sum> byAgency = new TreeMap<>();
        Sum total = new Sum();
        boolean read = queries.sql(snapshot, scoped, OUTCOMES_SQL).requires(BACKLOG).read(rows -> {
            while (rows.next()) {
                long[] counts = {rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7)};
                double[] days = {rows.getDouble(8), rows.getDouble(9), rows.getDouble(10)};
                byProgramme.computeIfAbsent(rows.getString(1), k -> new Sum()).add(counts, days);
                byAgency.computeIfAbsent(rows.getString(2) == null ? "" : rows.getString(2), k -> new Sum()).add(counts, days);
                total.add(counts, days);
            }
            return true;
        }, false);
        if (!read) {
            return List.of();
        }
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.addAll(sorted("programme", byProgramme));
        outcomes.addAll(sorted("agency", byAgency));
        if (total.counts[0] > 0) {
            outcomes.add(total.outcome("total", ""));
        }
        return outcomes;
    }

    private static List<Outcome> sorted(String dimension, Map<String, Sum> sums) {
        return sums.entrySet().stream().map(e -> e.getValue().outcome(dimension, e.getKey()))
                .sorted(java.util.Comparator.comparingLong(Outcome::referred).reversed()).toList();
    }

    /** Running sums: referred, completed, declined, open, within SLA; weighted p50, p90 and their weight. */
    private static final class Sum {
        final long[] counts = new long[5];
        final double[] days = new double[3];

        void add(long[] c, double[] d) {
            for (int i = 0; i < c.length; i++) {
                counts[i] += c[i];
            }
            for (int i = 0; i < d.length; i++) {
                days[i] += d[i];
            }
        }

        Outcome outcome(String dimension, String value) {
            Double p50 = days[2] == 0 ? null : days[0] / days[2];
            Double p90 = days[2] == 0 ? null : days[1] / days[2];
            return new Outcome(dimension, value, counts[0], counts[1], counts[2], counts[3], counts[4], p50, p90);
        }
    }

    public List<Month> trend(Snapshot snapshot, Filters filters) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        return queries.sql(snapshot, scoped, TREND_SQL).requires(BACKLOG).list(
                row -> new Month(YearMonth.of(row.getInt(1), row.getInt(2)), row.getLong(3), row.getLong(4),
                        row.getLong(5), row.getLong(6)));
    }

    public List<Backlog> backlog(Snapshot snapshot, Filters filters) {
        RegionScope.Scoped scoped = RegionScope.current().enforce(filters);
        return queries.sql(snapshot, scoped, BACKLOG_SQL).requires(REFERRALS).list(
                row -> new Backlog(YearMonth.of(row.getInt(1), row.getInt(2)), row.getString(3), row.getLong(4)));
    }

}
