package id.slrt.etl.ledger;

import id.slrt.etl.regions.Region;
import id.slrt.etl.regions.Regions;
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
 * aliases {@code r} (the row) and {@code fd} (its file's folder district).
 */
public final class FolderDistricts {
    /** {@code path, folder_district}: ledger files whose first folder is a known district code. */
    public static final String VIEW = "folder_districts";
    /** Joins a row {@code r} (with its path) to its folder's district {@code fd.folder_district}. */
    public static final String JOIN = "LEFT JOIN " + VIEW + " fd ON fd.path = r.path";
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

    /** Registers {@link #VIEW} from the {@code ledger} view and the reference's districts. */
    public static void register(SparkSession spark, Regions regions) {
        List<org.apache.spark.sql.Row> codes = regions.districts().stream().map(Region::code)
                .map(c -> RowFactory.create(c)).toList();
        spark.createDataFrame(codes, DataTypes.createStructType(List.of(
                DataTypes.createStructField("code", DataTypes.StringType, false)))).createOrReplaceTempView("district_codes");
        spark.sql("""
                SELECT l.path, l.folder_hint AS folder_district
                FROM ledger l JOIN district_codes d ON d.code = l.folder_hint
                """).createOrReplaceTempView(VIEW);
    }
}
