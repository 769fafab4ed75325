package id.slrt.etl.referrals;

import id.slrt.etl.Sql;
import id.slrt.etl.facts.FactStore;
import id.slrt.etl.ledger.Changes;
import id.slrt.etl.ledger.FolderDistricts;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Referrals in the snapshot. A referral file has no district column: a referral belongs to the district
 * of its visit (id_kunjungan among the accepted visits); when several districts have that visit id, the
 * district folder the file came from decides. A referral in a district folder whose visit is only
 * another district's is quarantined as OTHER_DISTRICT ({@link FolderDistricts}): one district's file
 * cannot change another's referral states. A visit id in several districts with no district folder
 * to choose is AMBIGUOUS_VISIT. The latest state of each referral (by status date, then
 * export order, then line) is its current state; earlier states are its history.
 *
 * <p>Incremental: a referral is linked and ranked again when one of its rows is in a changed file or its
 * visit id is one whose districts may have changed; the (district, month) of its states before and after
 * are dirty. The backlog is recomputed from the first dirty month on. The facts keep every linked state,
 * by the month of its referral date, and the rows that could not be linked.
 */
public final class ReferralsTables {
    public static final String MONTHLY = "referrals_monthly";
    public static final String BACKLOG = "referral_backlog";

    /** Every linked state of every referral, {@code current} for the latest. */
    public static final StructType FACTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("line", DataTypes.LongType, false),
            DataTypes.createStructField("id_rujukan", DataTypes.StringType, false),
            DataTypes.createStructField("referral_district", DataTypes.StringType, false),
            DataTypes.createStructField("event_date", DataTypes.DateType, false),
            DataTypes.createStructField("status_date", DataTypes.DateType, true),
            DataTypes.createStructField("programme", DataTypes.StringType, true),
            DataTypes.createStructField("agency", DataTypes.StringType, true),
            DataTypes.createStructField("status", DataTypes.StringType, true),
            DataTypes.createStructField("current", DataTypes.BooleanType, false),
            DataTypes.createStructField(FactStore.YM, DataTypes.IntegerType, false)));

    /** Checked referral rows that could not be linked to their visit: quarantined with the problem. */
    public static final StructType PROBLEMS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("line", DataTypes.LongType, false),
            DataTypes.createStructField("id_rujukan", DataTypes.StringType, false),
            DataTypes.createStructField("event_date", DataTypes.DateType, false),
            DataTypes.createStructField("link_problem", DataTypes.StringType, false)));

    /** Referrals to link again: in a changed file, or following a visit id whose districts may have changed. */
    private static final String CHANGED_REFERRALS = """
            SELECT id_rujukan FROM {changed} WHERE kind = 'R' AND reason IS NULL
            UNION
            SELECT r.id_rujukan FROM {rows} r LEFT SEMI JOIN {visit_ids} v ON v.id_kunjungan = r.id_kunjungan
            WHERE r.kind = 'R' AND r.reason IS NULL
            """;

    /** Only the columns linking and ranking read: every column more is carried through three shuffles. */
    private static final String ROWS = """
            SELECT r.path, r.seq, r.line, r.folder_hint, r.id_rujukan, r.id_kunjungan, r.event_date, r.status_date,
                   r.programme, r.agency, r.status
            FROM {rows} r {referral_filter} WHERE r.kind = 'R' AND r.reason IS NULL
            """;

    private static final String REFERRAL_FILTER = "LEFT SEMI JOIN {referrals} j ON j.id_rujukan = r.id_rujukan";

    /**
     * The districts of each visit id the referrals follow (a visit fact is one district's visit). Counted
     * by a hash aggregate; the set of districts is collected only for the few ids that several districts
     * have (collect_set over every visit falls back to sorting them all).
     */
    private static final String VISIT_INDEX = """
            WITH counted AS (
              SELECT v.id_kunjungan, count(*) AS districts, min(v.district_code) AS only_district
              FROM {visits} v {followed}
              GROUP BY v.id_kunjungan
            ), shared AS (
              SELECT v.id_kunjungan, collect_set(v.district_code) AS district_codes
              FROM {visits} v LEFT SEMI JOIN counted c ON c.id_kunjungan = v.id_kunjungan AND c.districts > 1
              GROUP BY v.id_kunjungan
            )
            SELECT c.id_kunjungan, c.districts, c.only_district,
                   coalesce(s.district_codes, array(c.only_district)) AS district_codes
            FROM counted c LEFT JOIN shared s ON s.id_kunjungan = c.id_kunjungan
            """;

    /** In an incremental run the index holds only the visits the referrals to link follow. */
    private static final String FOLLOWED = "LEFT SEMI JOIN {referral_rows} r ON r.id_kunjungan = v.id_kunjungan";

    private static final String LINKED = """
            SELECT r.path, r.seq, r.line, r.id_rujukan, r.id_kunjungan, r.event_date, r.status_date, r.programme,
                   r.agency, r.status,
                   CASE WHEN vi.id_kunjungan IS NULL THEN 'REFERRAL_WITHOUT_VISIT'
                        WHEN %s THEN 'OTHER_DISTRICT'
                        WHEN vi.districts > 1 AND NOT coalesce(array_contains(vi.district_codes, r.folder_hint), false)
                          THEN 'AMBIGUOUS_VISIT' END AS link_problem,
                   CASE WHEN vi.districts = 1 THEN vi.only_district
                        WHEN array_contains(vi.district_codes, r.folder_hint) THEN r.folder_hint END AS referral_district
            FROM {referral_rows} r
            LEFT JOIN {visit_index} vi ON vi.id_kunjungan = r.id_kunjungan
            %s
            """.formatted(FolderDistricts.referralElsewhere("vi.district_codes"), FolderDistricts.JOIN);

    private static final String STATES = """
            SELECT path, line, id_rujukan, referral_district, event_date, status_date, programme, agency, status,
                   row_number() OVER (PARTITION BY referral_district, id_rujukan
                                      ORDER BY status_date DESC, seq DESC, path DESC, line DESC) = 1 AS current,
                   year(event_date) * 100 + month(event_date) AS ym
            FROM {linked}
            WHERE link_problem IS NULL
            """;

    /** Dirty (district, month): of the current states of the referrals linked again, before and after. */
    private static final String DIRTY = """
            SELECT DISTINCT referral_district AS district_code, ym FROM {states} WHERE current
            UNION
            SELECT DISTINCT referral_district, ym FROM {replaced} WHERE current
            """;

    /** The months whose facts change: of every row, live or gone, of the referrals linked again. */
    private static final String FACT_MONTHS = """
            SELECT DISTINCT year(event_date) * 100 + month(event_date) AS ym FROM {referral_rows}
            UNION
            SELECT DISTINCT year(c.event_date) * 100 + month(c.event_date) FROM {changed} c
            LEFT SEMI JOIN {referrals} j ON j.id_rujukan = c.id_rujukan
            WHERE c.kind = 'R' AND c.reason IS NULL
            """;

    private static final String MONTHLY_SQL = """
            SELECT substr(referral_district, 1, 2) AS province_code,
                   referral_district                AS district_code,
                   year(event_date)                 AS year,
                   month(event_date)                AS month,
                   coalesce(programme, 'LAINNYA')   AS programme,
                   coalesce(agency, 'TIDAK_DIISI')  AS agency,
                   count(*)                                             AS referred,
                   count_if(status = 'SELESAI')                         AS completed,
                   count_if(status = 'DITOLAK')                         AS declined,
                   count_if(status IN ('DIRUJUK', 'DIPROSES'))          AS open,
                   count_if(status = 'SELESAI' AND datediff(status_date, event_date) <= {sla})
                                                                        AS completed_within_sla,
                   percentile(CASE WHEN status = 'SELESAI' THEN datediff(status_date, event_date) END, 0.5)
                                                                        AS days_to_complete_p50,
                   percentile(CASE WHEN status = 'SELESAI' THEN datediff(status_date, event_date) END, 0.9)
                                                                        AS days_to_complete_p90
            FROM {current}
            GROUP BY 1, 2, 3, 4, 5, 6
            """;

    /**
     * Open referrals at each month end from {first} on, by age band. A referral is open at a month end
     * when it was made on or before it and had not been completed or declined by then. Months run up to
     * {last}, the last month with any referral date or status date in the data. A referral closed before
     * {first} is open at none of these month ends, and is not read.
     */
    private static final String BACKLOG_SQL = """
            WITH months AS (
              SELECT referral_district, event_date, status, status_date,
                     explode(sequence(greatest(trunc(event_date, 'MM'), {first}), {last}, INTERVAL 1 MONTH)) AS month_start
              FROM {current}
              WHERE event_date <= last_day({last})
                AND NOT (status IN ('SELESAI', 'DITOLAK') AND status_date < {first})
            ), month_ends AS (
              SELECT *, last_day(month_start) AS month_end FROM months
            )
            SELECT substr(referral_district, 1, 2) AS province_code,
                   referral_district                AS district_code,
                   year(month_end)                  AS year,
                   month(month_end)                 AS month,
                   CASE WHEN datediff(month_end, event_date) <= 30 THEN '0-30'
                        WHEN datediff(month_end, event_date) <= 90 THEN '31-90'
                        ELSE '>90' END              AS age_band,
                   count(*)                         AS open
            FROM month_ends
            WHERE event_date <= month_end
              AND NOT (status IN ('SELESAI', 'DITOLAK') AND status_date <= month_end)
            GROUP BY 1, 2, 3, 4, 5
            """;

    /**
     * @param monthly   referrals_monthly, every row
     * @param backlog   referral_backlog, every row
     * @param current   the current state of every referral (the new facts)
     * @param problems  every checked referral row that could not be linked
     * @param accepted  per file, its referral rows linked now and those linked before ({@code path, won, lost})
     * @param lastMonth the backlog's last month, yyyymm (0: no referral)
     */
    public record Result(Dataset<Row> monthly, Dataset<Row> backlog, Dataset<Row> current, Dataset<Row> problems,
                         Dataset<Row> accepted, int lastMonth) {
    }

    private ReferralsTables() {
    }

    /**
     * Links and ranks the changed referrals against the new visit facts ({@code visits}), writes the new
     * referral facts into {@code out}, and computes the referral tables.
     *
     * @param changedVisitIds visit ids whose districts may have changed (null in a full run)
     */
    public static Result build(SparkSession spark, Changes changes, Dataset<Row> visits, Dataset<Row> changedVisitIds,
                               FactStore.Generation out, int slaDays) {
        boolean full = changes.full();
        Dataset<Row> referrals = full ? null : Sql.over(spark).with("changed", changes.changed())
                .with("rows", changes.live()).with("visit_ids", changedVisitIds).query(CHANGED_REFERRALS)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Sql rowsQuery = Sql.over(spark);
        if (full) {
            rowsQuery.value("referral_filter", "").with("rows", changes.live());
        } else {
            // The files with a state of a changed referral are found from a few columns; only they are read whole.
            Dataset<Row> holders = Sql.over(spark).with("rows", changes.live()).with("referrals", referrals).query(
                    "SELECT DISTINCT r.path FROM {rows} r " + REFERRAL_FILTER + " WHERE r.kind = 'R' AND r.reason IS NULL");
            rowsQuery.value("referral_filter", REFERRAL_FILTER).with("referrals", referrals)
                    .with("rows", changes.liveIn(holders));
        }
        Dataset<Row> rows = rowsQuery.query(ROWS);
        // A full run reads the rows once (the link); an incremental one also for the index and the months.
        rows = full ? rows : rows.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> index = Sql.over(spark).with("visits", visits.select("id_kunjungan", "district_code"))
                .with("referral_rows", rows).value("followed", full ? "" : FOLLOWED).query(VISIT_INDEX);
        Dataset<Row> linked = Sql.over(spark).with("referral_rows", rows).with("visit_index", index)
                .with("fd", changes.folderDistricts()).query(LINKED).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> states = Sql.over(spark).with("linked", linked).query(STATES);
        // A full run writes the states as the facts and reads them back; an incremental one reads them thrice.
        states = full ? states : states.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> problems = linked.where("link_problem IS NOT NULL")
                .select("path", "line", "id_rujukan", "event_date", "link_problem");

        Dataset<Row> facts;
        Dataset<Row> dirty;
        Dataset<Row> accepted;
        Set<Integer> factMonths;
        if (full) {
            facts = states;
            FactStore.write(facts, out.table(FactStore.REFERRALS));
            Dataset<Row> written = FactStore.read(spark, out.table(FactStore.REFERRALS), FACTS);
            dirty = Sql.over(spark).with("states", written)
                    .query("SELECT DISTINCT referral_district AS district_code, ym FROM {states} WHERE current");
            accepted = Sql.over(spark).with("states", written)
                    .query("SELECT path, count(*) AS won, 0L AS lost FROM {states} GROUP BY path");
            factMonths = Set.of();
        } else {
            factMonths = months(Sql.over(spark).with("referral_rows", rows).with("changed", changes.changed())
                    .with("referrals", referrals).query(FACT_MONTHS));
            FactStore.Generation before = changes.previous().facts();
            Dataset<Row> previous = FactStore.read(spark, before.table(FactStore.REFERRALS), FACTS, factMonths);
            Dataset<Row> replaced = Sql.over(spark).with("facts", previous).with("referrals", referrals)
                    .query("SELECT f.* FROM {facts} f LEFT SEMI JOIN {referrals} j ON j.id_rujukan = f.id_rujukan");
            facts = Sql.over(spark).with("facts", previous).with("referrals", referrals)
                    .query("SELECT f.* FROM {facts} f LEFT ANTI JOIN {referrals} j ON j.id_rujukan = f.id_rujukan")
                    .unionByName(states);
            dirty = Sql.over(spark).with("states", states).with("replaced", replaced).query(DIRTY);
            Dataset<Row> previousProblems = FactStore.read(spark, before.table(FactStore.PROBLEMS), PROBLEMS);
            problems = Sql.over(spark).with("problems", previousProblems).with("referrals", referrals)
                    .query("SELECT p.* FROM {problems} p LEFT ANTI JOIN {referrals} j ON j.id_rujukan = p.id_rujukan")
                    .unionByName(problems);
            accepted = Sql.over(spark).with("states", states).with("replaced", replaced).query("""
                    SELECT path, sum(won) AS won, sum(lost) AS lost FROM (
                      SELECT path, 1L AS won, 0L AS lost FROM {states} UNION ALL SELECT path, 0L, 1L FROM {replaced}
                    ) GROUP BY path
                    """);
        }
        dirty = Sql.held(dirty);
        Set<Integer> dirtyMonths = months(dirty.select("ym"));
        if (!full) {
            FactStore.write(facts, out.table(FactStore.REFERRALS));
            FactStore.carry(changes.previous().facts().table(FactStore.REFERRALS), out.table(FactStore.REFERRALS),
                    factMonths);
        }
        problems.coalesce(1).write().parquet(out.table(FactStore.PROBLEMS).toString());
        accepted = Sql.held(accepted); // one row per file
        linked.unpersist();
        states.unpersist();
        rows.unpersist();

        Dataset<Row> current = FactStore.read(spark, out.table(FactStore.REFERRALS), FACTS).where("current");
        // Every (district, month) is dirty in a full run: no join to find them.
        Dataset<Row> dirtyCurrent = full ? current : Sql.over(spark)
                .with("facts", FactStore.read(spark, out.table(FactStore.REFERRALS), FACTS, dirtyMonths).where("current"))
                .with("dirty", dirty).query("SELECT f.* FROM {facts} f LEFT SEMI JOIN {dirty} d"
                        + " ON d.district_code = f.referral_district AND d.ym = f.ym");
        Dataset<Row> monthly = Sql.over(spark).with("current", dirtyCurrent).value("sla", slaDays).query(MONTHLY_SQL);

        Row bounds = current.selectExpr("max(greatest(event_date, status_date))").first();
        int lastMonth = bounds.isNullAt(0) ? 0 : ym((java.time.LocalDate) bounds.get(0));
        // The backlog is recomputed from the first dirty month, or from the month after the previous last.
        int first = dirtyMonths.isEmpty() ? Integer.MAX_VALUE : dirtyMonths.iterator().next();
        if (!full && changes.previous().facts().meta().lastMonth() > 0) {
            first = Math.min(first, next(changes.previous().facts().meta().lastMonth()));
        }
        Dataset<Row> backlog = lastMonth == 0 || first > lastMonth
                ? spark.emptyDataFrame()
                : Sql.over(spark).with("current", current).value("first", date(first)).value("last", date(lastMonth))
                .query(BACKLOG_SQL);
        if (!full) {
            monthly = monthly.unionByName(Sql.over(spark).with("previous", changes.previous().table(MONTHLY))
                    .with("dirty", dirty).query("SELECT p.* FROM {previous} p LEFT ANTI JOIN {dirty} d"
                            + " ON d.district_code = p.district_code AND d.ym = p.year * 100 + p.month"));
            Dataset<Row> kept = changes.previous().table(BACKLOG)
                    .where("year * 100 + month < " + first + " AND year * 100 + month <= " + lastMonth);
            backlog = backlog.columns().length == 0 ? kept : backlog.unionByName(kept);
        } else if (backlog.columns().length == 0) {
            backlog = Sql.over(spark).with("current", current).value("first", "DATE'2000-01-01'")
                    .value("last", "DATE'2000-01-01'").query(BACKLOG_SQL).limit(0);
        }
        return new Result(monthly.orderBy("district_code", "year", "month", "programme", "agency"),
                backlog.orderBy("district_code", "year", "month", "age_band"), current,
                FactStore.read(spark, out.table(FactStore.PROBLEMS), PROBLEMS), accepted, lastMonth);
    }

    /** Writes referrals_monthly and referral_backlog. Percentiles are exact (interpolated between the two nearest completed referrals). */
    public static void write(Result referrals, java.nio.file.Path snapshotDir) {
        referrals.monthly().coalesce(1).write().parquet(snapshotDir.resolve(MONTHLY).toString());
        referrals.backlog().coalesce(1).write().parquet(snapshotDir.resolve(BACKLOG).toString());
    }

    private static Set<Integer> months(Dataset<Row> yms) {
        return new TreeSet<>(yms.distinct().collectAsList().stream().filter(r -> !r.isNullAt(0)).map(r -> r.getInt(0))
                .toList());
    }

    private static int ym(java.time.LocalDate date) {
        return date.getYear() * 100 + date.getMonthValue();
    }

    private static int next(int ym) {
        YearMonth m = YearMonth.of(ym / 100, ym % 100).plusMonths(1);
        return m.getYear() * 100 + m.getMonthValue();
    }

    private static String date(int ym) {
        return String.format(java.util.Locale.ROOT, "DATE'%04d-%02d-01'", ym / 100, ym % 100);
    }
}
