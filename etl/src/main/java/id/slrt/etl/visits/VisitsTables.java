package id.slrt.etl.visits;

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

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Visits in the snapshot: the same visit (district + id_kunjungan) exported more than once counts once,
 * the copy from the latest export winning; the other copies are quarantined as DUPLICATE. A visit in a
 * district folder with another district's kode_wilayah is quarantined as OTHER_DISTRICT ({@link FolderDistricts}).
 *
 * <p>Incremental: only visits with a copy in a changed file (their key) are ranked again; the months
 * (district, month) where any copy of them lies are dirty and recomputed from the facts, every other row of
 * every table is carried from the previous snapshot. The facts keep the winning copy of every visit, by month.
 */
public final class VisitsTables {
    public static final String MONTHLY = "visits_monthly";
    public static final String PEOPLE = "people_yearly";
    public static final String COVERAGE = "coverage_yearly";
    public static final String ACTIVITY = "district_activity";

    /** The winning copy of each visit, by month: what every visit table is computed from. */
    public static final StructType FACTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("seq", DataTypes.LongType, false),
            DataTypes.createStructField("line", DataTypes.LongType, false),
            DataTypes.createStructField("district_code", DataTypes.StringType, false),
            DataTypes.createStructField("id_kunjungan", DataTypes.StringType, false),
            DataTypes.createStructField("event_date", DataTypes.DateType, false),
            DataTypes.createStructField("programme", DataTypes.StringType, true),
            DataTypes.createStructField("service_point", DataTypes.StringType, true),
            DataTypes.createStructField("need", DataTypes.StringType, true),
            DataTypes.createStructField("person_key", DataTypes.StringType, true),
            DataTypes.createStructField("has_nik", DataTypes.BooleanType, true),
            DataTypes.createStructField("in_dtks", DataTypes.BooleanType, true),
            DataTypes.createStructField(FactStore.YM, DataTypes.IntegerType, false)));

    /** The copies that lost to a later one: quarantined as DUPLICATE. */
    public static final StructType DUPLICATES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("line", DataTypes.LongType, false),
            DataTypes.createStructField("district_code", DataTypes.StringType, false),
            DataTypes.createStructField("id_kunjungan", DataTypes.StringType, false),
            DataTypes.createStructField("event_date", DataTypes.DateType, false)));

    private static final String FACT_COLUMNS = "r.path, r.seq, r.line, r.district_code, r.id_kunjungan, r.event_date,"
            + " r.programme, r.service_point, r.need, r.person_key, r.has_nik, r.in_dtks";

    /** Visits with a copy in a changed file: the only ones ranked again. */
    private static final String CHANGED_KEYS = """
            SELECT DISTINCT district_code, id_kunjungan FROM {changed} WHERE kind = 'V' AND reason IS NULL
            """;

    /**
     * Every live copy of the visits to rank ({keys} filters them in an incremental run). A row from
     * another district than its folder never takes part: it cannot win over that district's rows.
     */
    private static final String RANKED = """
            SELECT %s, year(r.event_date) * 100 + month(r.event_date) AS ym,
                   row_number() OVER (PARTITION BY r.district_code, r.id_kunjungan
                                      ORDER BY r.seq DESC, r.path DESC, r.line DESC) AS copy
            FROM {rows} r %s {key_filter}
            WHERE r.kind = 'V' AND r.reason IS NULL AND NOT %s
            """.formatted(FACT_COLUMNS, FolderDistricts.JOIN, FolderDistricts.VISIT_ELSEWHERE);

    private static final String KEY_FILTER =
            "LEFT SEMI JOIN {keys} k ON k.district_code = r.district_code AND k.id_kunjungan = r.id_kunjungan";

    /** Dirty (district, month): where any copy of a re-ranked visit lies now or lay before. */
    private static final String DIRTY = """
            SELECT DISTINCT district_code, ym FROM {ranked}
            UNION
            SELECT DISTINCT district_code, year(event_date) * 100 + month(event_date)
            FROM {changed} WHERE kind = 'V' AND reason IS NULL
            """;

    /** Checked visits quarantined as OTHER_DISTRICT, placed in their folder's district (who sent them). */
    public static final String OTHER_DISTRICT = """
            SELECT r.path, r.line, fd.folder_district AS district_code, r.event_date
            FROM {rows} r %s
            WHERE r.kind = 'V' AND r.reason IS NULL AND %s
            """.formatted(FolderDistricts.JOIN, FolderDistricts.VISIT_ELSEWHERE);

    /** people: distinct pseudonymised NIKs in the group (visits without a valid NIK are not counted). */
    private static final String MONTHLY_SQL = """
            SELECT substr(district_code, 1, 2)             AS province_code,
                   district_code,
                   year(event_date)                        AS year,
                   month(event_date)                       AS month,
                   programme,
                   coalesce(service_point, 'TIDAK_DIISI')  AS service_point,
                   coalesce(need, 'TIDAK_DIISI')           AS need,
                   count(*)                                AS visits,
                   count(DISTINCT person_key)              AS people,
                   count_if(NOT has_nik)                   AS visits_without_nik,
                   count_if(NOT in_dtks)                   AS visits_not_in_dtks
            FROM {visits}
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            """;

    /** Districts and provinces with at least one accepted visit in the year: SLRT's coverage growth. */
    private static final String COVERAGE_SQL = """
            SELECT year,
                   count(DISTINCT district_code)                    AS districts,
                   count(DISTINCT substr(district_code, 1, 2))      AS provinces
            FROM {monthly}
            GROUP BY 1
            ORDER BY 1
            """;

    /** Months are numbered year * 12 + month - 1 so that months_active counts calendar months. */
    private static final String ACTIVITY_SQL = """
            SELECT substr(district_code, 1, 2)                                   AS province_code,
                   district_code,
                   format_string('%04d-%02d', min(year * 100 + month) DIV 100, min(year * 100 + month) % 100)
                                                                                 AS first_active_month,
                   format_string('%04d-%02d', max(year * 100 + month) DIV 100, max(year * 100 + month) % 100)
                                                                                 AS last_active_month,
                   count(DISTINCT year * 12 + month - 1)                         AS months_active
            FROM {monthly}
            GROUP BY 1, 2
            ORDER BY 2
            """;

    /**
     * The (district, year) rows of people_yearly to recompute: the years of dirty months, and the next
     * year after a dirty month from July on (a visit then can make a visit of the next year a return within
     * 183 days). Each district is read from June of the year before its first dirty year: a previous visit
     * before that is more than 183 days before any visit of the year.
     */
    private static final String PEOPLE_DIRTY = """
            SELECT DISTINCT district_code, CAST(ym DIV 100 AS INT) AS year FROM {dirty}
            UNION
            SELECT DISTINCT district_code, CAST(ym DIV 100 AS INT) + 1 FROM {dirty} WHERE ym % 100 >= 7
            """;

    /**
     * People served per district and year (distinct pseudonymised NIKs: a year's people cannot be summed
     * from the monthly groups), and of them those who came back within 183 days of an earlier visit.
     */
    private static final String PEOPLE_SQL = """
            WITH range AS (
              SELECT district_code, make_date(min(year) - 1, 6, 1) AS first_day, make_date(max(year), 12, 31) AS last_day
              FROM {people_dirty} GROUP BY district_code
            ), p AS (
              SELECT v.district_code, year(v.event_date) AS year, v.person_key,
                     datediff(v.event_date, lag(v.event_date) OVER (PARTITION BY v.district_code, v.person_key
                                                                    ORDER BY v.event_date, v.line)) AS days_since
              FROM {visits} v JOIN range g ON g.district_code = v.district_code
                                          AND v.event_date BETWEEN g.first_day AND g.last_day
              WHERE v.person_key IS NOT NULL
            )
            SELECT substr(p.district_code, 1, 2)                               AS province_code,
                   p.district_code,
                   p.year,
                   count(DISTINCT p.person_key)                                AS people,
                   count(DISTINCT CASE WHEN p.days_since <= 183 THEN p.person_key END) AS people_returning
            FROM p LEFT SEMI JOIN {people_dirty} d ON d.district_code = p.district_code AND d.year = p.year
            GROUP BY p.district_code, p.year
            """;

    /**
     * What the visits left for the other tables.
     *
     * @param monthly     visits_monthly, every row
     * @param people      people_yearly, every row
     * @param facts       the new facts: the winning copy of every visit
     * @param duplicates  every losing copy
     * @param changedIds  the visit ids whose districts may have changed (null in a full run: all)
     * @param accepted    per file, its visits that won now and those that no longer do ({@code path, won, lost})
     * @param dirtyMonths the months recomputed
     */
    public record Result(Dataset<Row> monthly, Dataset<Row> people, Dataset<Row> facts, Dataset<Row> duplicates,
                         Dataset<Row> changedIds, Dataset<Row> accepted, Set<Integer> dirtyMonths) {
    }

    private VisitsTables() {
    }

    /** Ranks the changed visits, writes the new facts into {@code out}, and computes the visit tables. */
    public static Result build(SparkSession spark, Changes changes, FactStore.Generation out) {
        boolean full = changes.full();
        Dataset<Row> keys = full ? null
                : Sql.over(spark).with("changed", changes.changed()).query(CHANGED_KEYS).persist(StorageLevel.MEMORY_AND_DISK());
        Sql ranking = Sql.over(spark).with("fd", changes.folderDistricts());
        if (full) {
            ranking.value("key_filter", "").with("rows", changes.live());
        } else {
            // The files with a copy of a changed visit are found from two columns of every row; only they are read whole.
            Dataset<Row> holders = Sql.over(spark).with("rows", changes.live()).with("keys", keys).query(
                    "SELECT DISTINCT r.path FROM {rows} r " + KEY_FILTER + " WHERE r.kind = 'V' AND r.reason IS NULL");
            ranking.value("key_filter", KEY_FILTER).with("keys", keys).with("rows", changes.liveIn(holders));
        }
        Dataset<Row> ranked = ranking.query(RANKED).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> dirty = (full
                ? Sql.over(spark).with("ranked", ranked).query("SELECT DISTINCT district_code, ym FROM {ranked}")
                : Sql.over(spark).with("ranked", ranked).with("changed", changes.changed()).query(DIRTY));
        dirty = Sql.held(dirty);
        Set<Integer> dirtyMonths = new TreeSet<>(dirty.select("ym").distinct().collectAsList().stream()
                .map(r -> r.getInt(0)).toList());

        Dataset<Row> winners = ranked.where("copy = 1").drop("copy");
        Dataset<Row> losers = ranked.where("copy > 1").select("path", "line", "district_code", "id_kunjungan", "event_date");
        Dataset<Row> facts;
        Dataset<Row> duplicates;
        Dataset<Row> accepted;
        if (full) {
            facts = winners;
            duplicates = losers;
            accepted = Sql.over(spark).with("winners", winners)
                    .query("SELECT path, count(*) AS won, 0L AS lost FROM {winners} GROUP BY path");
        } else {
            FactStore.Generation before = changes.previous().facts();
            Dataset<Row> previous = FactStore.read(spark, before.table(FactStore.VISITS), FACTS, dirtyMonths);
            Dataset<Row> replaced = Sql.over(spark).with("facts", previous).with("keys", keys).query(
                    "SELECT f.* FROM {facts} f LEFT SEMI JOIN {keys} k ON k.district_code = f.district_code"
                            + " AND k.id_kunjungan = f.id_kunjungan");
            facts = previous.join(keys, previous.col("district_code").equalTo(keys.col("district_code"))
                    .and(previous.col("id_kunjungan").equalTo(keys.col("id_kunjungan"))), "left_anti")
                    .unionByName(winners);
            Dataset<Row> previousDuplicates = FactStore.read(spark, before.table(FactStore.DUPLICATES), DUPLICATES);
            duplicates = previousDuplicates.join(keys, previousDuplicates.col("district_code")
                            .equalTo(keys.col("district_code")).and(previousDuplicates.col("id_kunjungan")
                                    .equalTo(keys.col("id_kunjungan"))), "left_anti")
                    .unionByName(losers);
            accepted = Sql.over(spark).with("winners", winners).with("replaced", replaced).query("""
                    SELECT path, sum(won) AS won, sum(lost) AS lost FROM (
                      SELECT path, 1L AS won, 0L AS lost FROM {winners} UNION ALL SELECT path, 0L, 1L FROM {replaced}
                    ) GROUP BY path
                    """);
        }
        FactStore.write(facts, out.table(FactStore.VISITS));
        if (!full) {
            FactStore.carry(changes.previous().facts().table(FactStore.VISITS), out.table(FactStore.VISITS), dirtyMonths);
        }
        duplicates.coalesce(1).write().parquet(out.table(FactStore.DUPLICATES).toString());
        accepted = Sql.held(accepted); // one row per file

        Dataset<Row> newFacts = FactStore.read(spark, out.table(FactStore.VISITS), FACTS);
        // Every (district, month) is dirty in a full run: no join to find them.
        Dataset<Row> dirtyFacts = full ? newFacts : Sql.over(spark).with("facts", FactStore.read(spark,
                        out.table(FactStore.VISITS), FACTS, dirtyMonths)).with("dirty", dirty)
                .query("SELECT f.* FROM {facts} f LEFT SEMI JOIN {dirty} d ON d.district_code = f.district_code AND d.ym = f.ym");
        Dataset<Row> monthly = Sql.over(spark).with("visits", dirtyFacts).query(MONTHLY_SQL);
        Dataset<Row> peopleDirty = Sql.over(spark).with("dirty", dirty).query(PEOPLE_DIRTY)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row firstYear = peopleDirty.selectExpr("min(year)").first();
        // Only the months from June of the year before the first dirty year are read (PEOPLE_DIRTY).
        Dataset<Row> peopleVisits = firstYear.isNullAt(0) ? newFacts.limit(0)
                : newFacts.where(newFacts.col(FactStore.YM).geq((firstYear.getInt(0) - 1) * 100 + 6));
        Dataset<Row> people = Sql.over(spark).with("visits", peopleVisits).with("people_dirty", peopleDirty)
                .query(PEOPLE_SQL);
        Dataset<Row> changedIds = null;
        if (!full) {
            monthly = monthly.unionByName(Sql.over(spark).with("previous", changes.previous().table(MONTHLY))
                    .with("dirty", dirty).query("SELECT p.* FROM {previous} p LEFT ANTI JOIN {dirty} d"
                            + " ON d.district_code = p.district_code AND d.ym = p.year * 100 + p.month"));
            people = people.unionByName(Sql.over(spark).with("previous", changes.previous().table(PEOPLE))
                    .with("dirty", peopleDirty).query("SELECT p.* FROM {previous} p LEFT ANTI JOIN {dirty} d"
                            + " ON d.district_code = p.district_code AND d.year = p.year"));
            changedIds = keys.select("id_kunjungan").distinct();
        }
        monthly = monthly.orderBy("district_code", "year", "month", "programme", "service_point", "need");
        people = people.orderBy("district_code", "year");
        ranked.unpersist();
        return new Result(monthly, people, newFacts, FactStore.read(spark, out.table(FactStore.DUPLICATES), DUPLICATES),
                changedIds, accepted, dirtyMonths);
    }

    /** Writes visits_monthly, people_yearly, coverage_yearly and district_activity into the snapshot folder. */
    public static void write(SparkSession spark, Result visits, java.nio.file.Path snapshotDir) {
        visits.monthly().coalesce(1).write().parquet(snapshotDir.resolve(MONTHLY).toString());
        visits.people().coalesce(1).write().parquet(snapshotDir.resolve(PEOPLE).toString());
        // Coverage and activity are small sums of the written visits_monthly: read back, not recomputed.
        Dataset<Row> monthly = spark.read().parquet(snapshotDir.resolve(MONTHLY).toString());
        Sql.over(spark).with("monthly", monthly).query(COVERAGE_SQL).coalesce(1).write()
                .parquet(snapshotDir.resolve(COVERAGE).toString());
        Sql.over(spark).with("monthly", monthly).query(ACTIVITY_SQL).coalesce(1).write()
                .parquet(snapshotDir.resolve(ACTIVITY).toString());
    }
}
