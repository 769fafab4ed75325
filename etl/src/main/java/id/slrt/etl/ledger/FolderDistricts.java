package id.slrt.etl.ledger;

import id.slrt.etl.regions.Region;
import id.slrt.etl.regions.Regions;
import id.slrt.etl.Sql;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/**
 * The rule "a file in a district's folder speaks only for that district": the folder {@code 3404/} is
 * Sleman's upload place, so a row there whose kode_wilayah is Bantul's is quarantined as OTHER_DISTRICT
 * (it must not replace or add to Bantul's visits), and a referral there may only follow a visit of
 * Sleman. Only a first folder that is a district code of the reference counts ({@code 2018/} is no
 * district); files outside a district folder keep the region of their rows.
 *
 * <p>The SQL fragments here are the rule's only spelling; the tables that apply it use them with the
 * aliases {@code r} (the row) and {@code fd} (its file's folder district), given as the input {@code {fd}}.
 */
public final class FolderDistricts {
    /** Joins a row {@code r} (with its path) to its folder's district {@code fd.folder_district} ({@link #of}). */
    public static final String JOIN = "LEFT JOIN {fd} fd ON fd.path = r.path";
    /** A checked visit row {@code r} whose district is not its folder's. */
    public static final String VISIT_ELSEWHERE =
            "coalesce(fd.folder_district IS NOT NULL AND r.district_code <> fd.folder_district, false)";

    private FolderDistricts() {
    }

    /** A referral in a district folder whose visit id is known only in other districts ({@code vi.district_codes}). */
    public static String referralElsewhere(String visitDistricts) {
        return "coalesce(fd.folder_district IS NOT NULL AND NOT array_contains(" + visitDistricts
                + ", fd.folder_district), false)";
    }

    /** {@code path, folder_district}: the ledger's files whose first folder is a known district code. */
    public static Dataset<Row> of(SparkSession spark, Regions regions, Dataset<Row> ledger) {
        List<Row> codes = regions.districts().stream().map(Region::code).map(c -> RowFactory.create(c)).toList();
        Dataset<Row> districts = spark.createDataFrame(codes, DataTypes.createStructType(List.of(
                DataTypes.createStructField("code", DataTypes.StringType, false))));
        return Sql.over(spark).with("ledger", ledger).with("districts", districts).query("""
                SELECT l.path, l.folder_hint AS folder_district
                FROM {ledger} l JOIN {districts} d ON d.code = l.folder_hint
                """);
    }
}
