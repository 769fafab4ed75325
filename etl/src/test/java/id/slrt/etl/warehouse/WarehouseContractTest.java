package id.slrt.etl.warehouse;

import id.slrt.etl.Etl;
import id.slrt.etl.TestExports;
import id.slrt.etl.TestSpark;
import id.slrt.etl.TestWarehouse;
import id.slrt.etl.quality.QualityTables;
import id.slrt.etl.referrals.ReferralsTables;
import id.slrt.etl.visits.VisitsTables;
import id.slrt.warehouse.SnapshotConformance;
import id.slrt.warehouse.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/warehouse.md is the contract between etl and dashboard, in code in the warehouse-contract module:
 * the ETL writes exactly the contract's tables, under the contract's names, with every column and its
 * type as DuckDB reads it, and the contract's schema version. This test fails when they differ.
 */
class WarehouseContractTest {

    @Test
    void everyTableAndColumnOfASnapshotIsDocumentedWithItsType(@TempDir Path dir) throws Exception {
        Path inbox = dir.resolve("inbox");
        copy(Path.of(getClass().getResource("/corpus").toURI()), inbox);
        Etl.Report report = new Etl(TestSpark.session()).run(new Etl.Config(inbox, dir.resolve("w"),
                TestExports.REFERENCE, dir.resolve("s"), 2));
        Path snapshot = dir.resolve("w").resolve(report.snapshot());

        assertThat(SnapshotConformance.problems(snapshot)).isEmpty();
        try (Stream<Path> folders = Files.list(snapshot)) {
            assertThat(folders.map(p -> p.getFileName().toString())).as("the folders the ETL writes")
                    .containsExactlyInAnyOrderElementsOf(Tables.ALL);
        }
        TestWarehouse warehouse = new TestWarehouse(snapshot);
        assertThat(warehouse.rows("SELECT schema_version, snapshot FROM " + warehouse.table(Tables.SNAPSHOT)))
                .containsExactly(List.of(String.valueOf(Tables.SCHEMA_VERSION), report.snapshot()));
    }

    @Test
    void theEtlsTableNamesAndSchemaVersionAreTheContracts() {
        assertThat(List.of(VisitsTables.MONTHLY, VisitsTables.COVERAGE, VisitsTables.ACTIVITY, VisitsTables.PEOPLE,
                ReferralsTables.MONTHLY, ReferralsTables.BACKLOG, QualityTables.QUARANTINE, QualityTables.QUALITY_MONTHLY,
                QualityTables.QUARANTINE_MONTHLY, QualityTables.FILES, Etl.RUNS_TABLE, Etl.SNAPSHOT_TABLE,
                Etl.REGIONS_TABLE, Etl.POVERTY_TABLE))
                .containsExactly(Tables.VISITS_MONTHLY, Tables.COVERAGE_YEARLY, Tables.DISTRICT_ACTIVITY,
                        Tables.PEOPLE_YEARLY, Tables.REFERRALS_MONTHLY, Tables.REFERRAL_BACKLOG, Tables.QUARANTINE,
                        Tables.QUALITY_MONTHLY, Tables.QUARANTINE_MONTHLY, Tables.FILES, Tables.RUNS, Tables.SNAPSHOT,
                        Tables.REGIONS, Tables.POVERTY)
                .containsExactlyElementsOf(Tables.ALL);
        assertThat(Warehouse.SCHEMA_VERSION).isEqualTo(Tables.SCHEMA_VERSION);
        assertThat(Warehouse.CURRENT).isEqualTo("CURRENT");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }
}
