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
 * The staged form of every export row (ETL-private, in the state folder): checked and pseudonymised,
 * with the raw text kept only for quarantined rows so an operator can fix them.
 * kind: V = visit, R = referral, F = the file itself (line 0).
 */
public final class StagedSchema {
    public static final String FILE = "F";

    private static final Object[][] COLUMNS = {
            {"file_id", DataTypes.StringType}, {"line", DataTypes.LongType}, {"kind", DataTypes.StringType},
            {"reason", DataTypes.StringType}, {"field", DataTypes.StringType}, {"raw", DataTypes.StringType},
            {"district_code", DataTypes.StringType}, {"id_kunjungan", DataTypes.StringType},
            {"id_rujukan", DataTypes.StringType}, {"event_date", DataTypes.DateType},
            {"status_date", DataTypes.DateType}, {"service_point", DataTypes.StringType},
            {"channel", DataTypes.StringType}, {"need", DataTypes.StringType}, {"programme", DataTypes.StringType},
            {"agency", DataTypes.StringType}, {"status", DataTypes.StringType}, {"person_key", DataTypes.StringType},
            {"household_key", DataTypes.StringType}, {"has_nik", DataTypes.BooleanType},
            {"in_dtks", DataTypes.BooleanType}, {"sex", DataTypes.StringType}, {"disability", DataTypes.BooleanType},
            {"file_kind", DataTypes.StringType}, {"encoding", DataTypes.StringType},
            {"delimiter", DataTypes.StringType}, {"detail", DataTypes.StringType}, {"records", DataTypes.LongType}};

    public static final StructType SCHEMA = schema();

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
