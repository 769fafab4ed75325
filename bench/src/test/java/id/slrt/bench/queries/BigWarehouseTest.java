package id.slrt.bench.queries;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.slrt.etl.TestWarehouse;
import id.slrt.warehouse.Current;
import id.slrt.warehouse.SnapshotConformance;
import id.slrt.warehouse.Snapshots;
import id.slrt.warehouse.Tables;
import id.slrt.warehouse.WarehouseDocument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The big warehouse must be one the dashboard could have been given by the ETL: every table and column
 * of docs/warehouse.md with its type, every district, year, month and programme, and the contract's
 * invariants. Written once (a few seconds) and read back through DuckDB, as the dashboard reads.
 */
class BigWarehouseTest {
    private static final Path DOC = WarehouseDocument.DOC;
    private static final Path REFERENCE = Path.of("..", "data", "reference");
    private static final Pattern CODE = Pattern.compile("`([A-Z_]+)`");
    private static final List<String> PROGRAMMES = List.of("PKH", "BPNT", "KIS", "KIP", "RASTRA", "KUBE", "RTLH",
            "ATENSI", "SKTM", "ADMINDUK", "APBD", "INFORMASI", "LAINNYA");
    private static final int DISTRICTS = 514;
    private static final int YEARS = BigWarehouse.LAST_YEAR - BigWarehouse.FIRST_YEAR + 1;

    @TempDir
    static Path dir;
    private static Path root;
    private static Path snapshot;
    private static Connection db;

    @BeforeAll
    static void writeOnce() throws SQLException {
        root = dir.resolve("warehouse");
        snapshot = BigWarehouse.write(root, REFERENCE);
        db = DriverManager.getConnection("jdbc:duckdb:");
        for (String table : BigWarehouse.TABLES) {
            execute("CREATE VIEW " + table + " AS SELECT * FROM " + BigWarehouse.parquet(snapshot, table));
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyDocumentedTableIsWrittenWithExactlyItsDocumentedColumnsAndTypes() {
        assertThat(SnapshotConformance.problems(snapshot)).isEmpty();
        assertThat(BigWarehouse.TABLES).containsExactlyElementsOf(Tables.ALL).hasSize(14);
    }

    @Test
    void currentNamesTheSnapshotWhichFollowsTheContractsSchemaVersion() throws IOException {
        assertThat(BigWarehouse.SCHEMA_VERSION).isEqualTo(Tables.SCHEMA_VERSION).isEqualTo(WarehouseDocument.schemaVersion());
        assertThat(snapshot.getFileName().toString()).matches("snapshot-\\d{8}T\\d{9}Z");
        assertThat(new Snapshots(root).resolveCurrent()).isEqualTo(new Current.Found(BigWarehouse.SNAPSHOT, snapshot));
        try (Stream<Path> children = Files.list(root)) {
            assertThat(children.map(p -> p.getFileName().toString()))
                    .as("no CURRENT.tmp or staging left").containsExactlyInAnyOrder("CURRENT", BigWarehouse.SNAPSHOT);
        }
        assertThat(rows("SELECT schema_version, snapshot, 'snapshot-' || run_id FROM snapshot"))
                .containsExactly(List.of(String.valueOf(BigWarehouse.SCHEMA_VERSION), BigWarehouse.SNAPSHOT,
                        BigWarehouse.SNAPSHOT));
    }

    @Test
    void writingAgainReplacesTheSnapshotWithAnIdenticalOne() {
        Map<String, Long> before = BigWarehouse.rowCounts(snapshot);
        assertThat(BigWarehouse.write(root, REFERENCE)).isEqualTo(snapshot);
        assertThat(BigWarehouse.rowCounts(snapshot)).isEqualTo(before);
    }

    @Test
    void visitsMonthlyCoversEveryDistrictYearMonthAndProgramme() throws IOException {
        assertThat(count("SELECT count(DISTINCT district_code) FROM visits_monthly")).isEqualTo(DISTRICTS);
        assertThat(count("SELECT count(*) FROM (SELECT DISTINCT district_code, year, month, programme FROM visits_monthly)"))
                .isEqualTo((long) DISTRICTS * YEARS * 12 * PROGRAMMES.size());
        assertThat(column("SELECT DISTINCT year FROM visits_monthly ORDER BY 1"))
                .containsExactly("2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025");
        assertThat(column("SELECT DISTINCT month FROM visits_monthly ORDER BY 1")).hasSize(12).startsWith("1").endsWith("12");
        assertThat(column("SELECT DISTINCT programme FROM visits_monthly")).containsExactlyInAnyOrderElementsOf(PROGRAMMES);
        assertThat(column("SELECT DISTINCT service_point FROM visits_monthly"))
                .containsExactlyInAnyOrder("SEKRETARIAT", "PUSKESOS", "PENJANGKAUAN");
        assertThat(column("SELECT DISTINCT district_code FROM visits_monthly ORDER BY 1")).isEqualTo(column(
                "SELECT code FROM read_csv('" + REFERENCE.toAbsolutePath().resolve("regions.csv")
                        + "', all_varchar = true) WHERE level = 'KABUPATEN_KOTA' ORDER BY 1"));
        assertThat(count("SELECT max(needs) FROM (SELECT count(DISTINCT need) AS needs FROM visits_monthly GROUP BY programme)"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM (SELECT DISTINCT district_code, year, month, programme, service_point, need"
                + " FROM visits_monthly)")).as("one row per group").isEqualTo(count("SELECT count(*) FROM visits_monthly"));
        assertThat(count("SELECT count(*) FROM visits_monthly")).isGreaterThan(1_000_000);
    }

    @Test
    void visitCountsArePlausible() {
        assertNone("visits_monthly", "visits < 1 OR people < 0 OR people > visits OR people > visits - visits_without_nik"
                + " OR visits_without_nik NOT BETWEEN 0 AND visits OR visits_not_in_dtks NOT BETWEEN 0 AND visits"
                + " OR province_code <> substr(district_code, 1, 2)");
        assertNone("people_yearly", "people_returning NOT BETWEEN 0 AND people");
        assertThat(count("SELECT count(*) FROM people_yearly")).isEqualTo((long) DISTRICTS * YEARS);
        assertThat(rows("SELECT min(year), max(year), count(*), min(districts), max(provinces) FROM coverage_yearly"))
                .containsExactly(List.of("2016", "2025", "10", "514", "38"));
        assertThat(rows("SELECT count(*), count(DISTINCT district_code), min(first_active_month), max(last_active_month)"
                + " FROM district_activity")).containsExactly(List.of("514", "514", "2016-01", "2025-12"));
    }

    @Test
    void referralsBalanceTheirOutcomes() {
        assertNone("referrals_monthly", "completed + declined + \"open\" <> referred OR referred < 1"
                + " OR least(completed, declined, \"open\") < 0 OR completed_within_sla NOT BETWEEN 0 AND completed"
                + " OR days_to_complete_p50 > days_to_complete_p90 OR (days_to_complete_p50 IS NULL) <> (completed = 0)"
                + " OR (days_to_complete_p90 IS NULL) <> (completed = 0)");
        assertThat(column("SELECT DISTINCT age_band FROM referral_backlog")).containsExactlyInAnyOrder("0-30", "31-90", ">90");
        assertNone("referral_backlog", "\"open\" < 1");
        assertThat(count("SELECT sum(\"open\") FROM referral_backlog WHERE year = 2025 AND month = 12"))
                .as("the last month end holds what is open now")
                .isEqualTo(count("SELECT sum(\"open\") FROM referrals_monthly"));
    }

    @Test
    void qualityAndQuarantineAgree() throws IOException {
        assertNone("quality_monthly", "share_without_nik NOT BETWEEN 0 AND 1 OR share_not_in_dtks NOT BETWEEN 0 AND 1"
                + " OR abs(share_without_nik - visits_without_nik / visits) > 1e-12"
                + " OR abs(share_not_in_dtks - visits_not_in_dtks / visits) > 1e-12");
        assertThat(count("SELECT count(*) FROM quality_monthly")).isEqualTo((long) DISTRICTS * YEARS * 12);
        assertThat(count("""
                SELECT count(*) FROM quality_monthly q JOIN (
                    SELECT district_code, year, month, sum(visits) AS visits FROM visits_monthly GROUP BY ALL
                ) v USING (district_code, year, month) WHERE q.visits <> v.visits""")).isZero();
        assertThat(count("""
                SELECT count(*) FROM (
                    SELECT district_code, year, month, record_kind, reason, count(*) AS n FROM quarantine
                    WHERE district_code IS NOT NULL GROUP BY ALL
                    EXCEPT SELECT district_code, year, month, record_kind, reason, "rows" FROM quarantine_monthly)"""))
                .isZero();
        assertThat(count("SELECT sum(quarantined_rows) FROM quality_monthly"))
                .isEqualTo(count("SELECT sum(\"rows\") FROM quarantine_monthly"))
                .isPositive();
        assertThat(column("SELECT DISTINCT reason FROM quarantine")).isSubsetOf(documentedRowReasons());
        assertThat(column("SELECT DISTINCT record_kind FROM quarantine")).containsExactlyInAnyOrder("VISIT", "REFERRAL");
        assertNone("quarantine", "message_id IS NULL OR message_en IS NULL OR line < 2");
    }

    @Test
    void theLedgerAndTheRunsBalance() {
        assertNone("files", "rows_read <> rows_accepted + rows_quarantined OR (status = 'USED' AND records <> rows_read)");
        assertThat(count("SELECT sum(rows_accepted) FROM files WHERE kind = 'VISITS'"))
                .isEqualTo(count("SELECT sum(visits) FROM visits_monthly"));
        assertThat(count("""
                SELECT count(*) FROM files f FULL JOIN (SELECT source_file, count(*) AS n FROM quarantine GROUP BY ALL) q
                    ON q.source_file = f.path
                WHERE coalesce(q.n, 0) <> coalesce(f.rows_quarantined, -1)""")).isZero();
        assertThat(count("SELECT count(*) FROM files")).isBetween(1_000L, 10_000L);
        assertThat(column("SELECT DISTINCT status FROM files")).containsExactlyInAnyOrder("USED", "REJECTED");
        assertThat(count("SELECT count(*) FROM runs")).isBetween(24L, 60L);
        assertThat(rows("""
                SELECT s.files = (SELECT count(*) FROM files), s.rows_accepted = (SELECT sum(rows_accepted) FROM files),
                       r.status, r.snapshot = s.snapshot, r.finished_at = s.built_at
                FROM snapshot s JOIN runs r USING (run_id)""")).containsExactly(List.of("true", "true", "SUCCEEDED", "true",
                "true"));
        assertThat(count("SELECT count(*) FROM regions")).isEqualTo(552);
        assertThat(count("SELECT count(*) FROM poverty WHERE poor_population > 0")).isEqualTo(DISTRICTS);
    }

    /** The codes listed after "Row reasons:" in the document. */
    private static List<String> documentedRowReasons() throws IOException {
        String doc = Files.readString(DOC);
        String paragraph = doc.substring(doc.indexOf("Row reasons:"));
        paragraph = paragraph.substring(0, paragraph.indexOf("\n\n"));
        List<String> reasons = new ArrayList<>();
        Matcher code = CODE.matcher(paragraph);
        while (code.find()) {
            reasons.add(code.group(1));
        }
        assertThat(reasons).contains("DUPLICATE", "BAD_DATE", "AMBIGUOUS_VISIT");
        return reasons;
    }

    private static void assertNone(String table, String violation) {
        assertThat(count("SELECT count(*) FROM " + table + " WHERE " + violation)).as(table + ": " + violation).isZero();
    }

    private static long count(String sql) {
        return Long.parseLong(rows(sql).getFirst().getFirst());
    }

    private static List<String> column(String sql) {
        return rows(sql).stream().map(List::getFirst).toList();
    }

    private static List<List<String>> rows(String sql) {
        return TestWarehouse.rows(db, sql);
    }

    private static void execute(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }
}
