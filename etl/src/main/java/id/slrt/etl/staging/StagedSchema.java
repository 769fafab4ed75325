package id.slrt.etl.staging;

import id.slrt.etl.ingest.Reason;
import id.slrt.etl.ingest.StagedRow;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The staged form of every export row (ETL-private, in the state folder): checked and pseudonymised.
 * kind: V = visit, R = referral, F = the file itself (line 0).
 *
 * <p>The parser emits {@link #PARSED} rows, which carry the raw text of quarantined rows (so an operator
 * can fix them); {@link StagingJob} stores them apart: {@link #SCHEMA} (no raw text) as the batch's
 * staged rows, {@link #RAW} as its raw text, which is purged after the retention.
 */
public final class StagedSchema {
    public static final String FILE = "F";
    public static final String RAW_COLUMN = "raw";

    private static final Object[][] COLUMNS = {
            {"file_id", DataTypes.StringType}, {"line", DataTypes.LongType}, {"kind", DataTypes.StringType},
            {"reason", DataTypes.StringType}, {"field", DataTypes.StringType}, {RAW_COLUMN, DataTypes.StringType},
            {"district_code", DataTypes.StringType}, {"id_kunjungan", DataTypes.StringType},
            {"id_rujukan", DataTypes.StringType}, {"event_date", DataTypes.DateType},
            {"status_date", DataTypes.DateType}, {"service_point", DataTypes.StringType},
            {"channel", DataTypes.StringType}, {"need", DataTypes.StringType}, {"programme", DataTypes.StringType},
            {"agency", DataTypes.StringType}, {"status", DataTypes.StringType}, {"person_key", DataTypes.StringType},
            {"household_key", DataTypes.StringType}, {"has_nik", DataTypes.BooleanType},
            {"in_dtks", DataTypes.BooleanType}, {"sex", DataTypes.StringType}, {"disability", DataTypes.BooleanType},
            {"file_kind", DataTypes.StringType}, {"encoding", DataTypes.StringType},
            {"delimiter", DataTypes.StringType}, {"detail", DataTypes.StringType}, {"records", DataTypes.LongType}};

    /** What the parser emits: every column, with the raw text of a quarantined row (null otherwise). */
    public static final StructType PARSED = schema();
    /** The staged rows as stored: without the raw text. */
    public static final StructType SCHEMA = DataTypes.createStructType(java.util.Arrays.stream(PARSED.fields())
            .filter(f -> !f.name().equals(RAW_COLUMN)).toArray(StructField[]::new));
    /** The raw text of the quarantined rows of a batch, by file and line. */
    public static final StructType RAW = DataTypes.createStructType(List.of(
            DataTypes.createStructField("file_id", DataTypes.StringType, false),
            DataTypes.createStructField("line", DataTypes.LongType, false),
            DataTypes.createStructField(RAW_COLUMN, DataTypes.StringType, false)));

    private StagedSchema() {
    }

    private static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (Object[] c : COLUMNS) {
            fields.add(DataTypes.createStructField((String) c[0], (DataType) c[1], true));
        }
        return DataTypes.createStructType(fields);
    }

    static Row row(String fileId, long line, StagedRow r, String raw) {
        return RowFactory.create(fileId, line, r.kind, r.reason == null ? null : r.reason.name(), r.field, raw,
                r.districtCode, r.idKunjungan, r.idRujukan, r.eventDate, r.statusDate, r.servicePoint, r.channel,
                r.need, r.programme, r.agency, r.status, r.personKey, r.householdKey, r.hasNik, r.inDtks, r.sex,
                r.disability, null, null, null, null, null);
    }

    static Row fileRow(String fileId, String fileKind, String encoding, String delimiter, Reason rejected,
                       String detail, long records) {
        return RowFactory.create(fileId, 0L, FILE, rejected == null ? null : rejected.name(), null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                fileKind, encoding, delimiter, detail, records);
    }
}
