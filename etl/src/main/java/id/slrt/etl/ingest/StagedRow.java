package id.slrt.etl.ingest;

import java.time.LocalDate;

/**
 * One checked export row, as staged for the warehouse: no NIK, No. KK or name, only pseudonyms. Either
 * {@code reason} is null (the row can enter the facts) or it says why the row is quarantined.
 */
public final class StagedRow {
    public static final String VISIT = "V";
    public static final String REFERRAL = "R";

    public final String kind;
    public Reason reason;
    public String field;
    public String districtCode;
    public String idKunjungan;
    public String idRujukan;
    public LocalDate eventDate;
    public LocalDate statusDate;
    public String servicePoint;
    public String channel;
    public String need;
    public String programme;
    public String agency;
    public String status;
    public String personKey;
    public String householdKey;
    public boolean hasNik;
    public boolean inDtks;
    public String sex;
    public Boolean disability;

    public StagedRow(String kind) {
        this.kind = kind;
    }

    StagedRow reject(Reason reason, String field) {
        this.reason = reason;
        this.field = field;
        return this;
    }
}
