package id.slrt.dashboard.visits;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import static id.slrt.dashboard.testing.WarehouseFixture.BANTUL;
import static id.slrt.dashboard.testing.WarehouseFixture.BANTUL_2019;
import static id.slrt.dashboard.testing.WarehouseFixture.KULON_PROGO;
import static id.slrt.dashboard.testing.WarehouseFixture.SLEMAN;
import static id.slrt.dashboard.testing.WarehouseFixture.SLEMAN_2017;
import static id.slrt.dashboard.testing.WarehouseFixture.SLEMAN_2018;
import static id.slrt.dashboard.testing.WarehouseFixture.YOGYAKARTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Month;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.slrt.dashboard.testing.WarehouseFixture;
import id.slrt.dashboard.testing.WarehouseFixture.Series;
import id.slrt.dashboard.warehouse.Warehouse;
import id.slrt.dashboard.warehouse.WarehouseException;
import id.slrt.dashboard.warehouse.WarehouseProperties;

/** The service's SQL through a real DuckDB over Parquet that DuckDB wrote. */
class VisitsServiceTest {

    @TempDir
    Path warehouseDir;

    private Warehouse warehouse;
    private VisitsService service;

    @BeforeEach
    void openWarehouse() {
        // The service asks whom it serves: a national user here (scopes: RegionScopeTest, the role tests).
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "nasional", null, AuthorityUtils.createAuthorityList("ROLE_NATIONAL")));
        warehouse = new Warehouse(new WarehouseProperties(warehouseDir));
        service = new VisitsService(warehouse, new id.slrt.dashboard.warehouse.ScopedQuery(warehouse));
    }

    @AfterEach
    void closeWarehouse() throws SQLException {
        SecurityContextHolder.clearContext();
        warehouse.close();
    }

    @Test
    void sumsProgrammesIntoTwelveMonthlyTotalsWithPeakAndTotal() throws SQLException {
        WarehouseFixture.build(warehouseDir);

        VisitsOverview overview = service.overview(SLEMAN, 2018);

        MonthlyVisits monthly = overview.monthly();
        assertThat(monthly.byMonth()).containsExactlyElementsOf(SLEMAN_2018.asList());
        assertThat(monthly.total()).isEqualTo(SLEMAN_2018.total());
        assertThat(monthly.peakMonth()).contains(SLEMAN_2018.peakMonth());
        assertThat(monthly.visitsIn(monthly.peakMonth().orElseThrow())).isEqualTo(SLEMAN_2018.peakVisits());

        // The same answer by another route: DuckDB's arg_max straight over the fixture's Parquet.
        long[] independent = peakAndTotal(warehouseDir.resolve(WarehouseFixture.SNAPSHOT), SLEMAN, 2018);
        assertThat(monthly.peakMonth().orElseThrow().getValue()).isEqualTo(independent[0]);
        assertThat(monthly.visitsIn(monthly.peakMonth().orElseThrow())).isEqualTo(independent[1]);
        assertThat(monthly.total()).isEqualTo(independent[2]);

        // The public report's figures, which the fixture reproduces.
        assertThat(monthly.total()).isEqualTo(13_750);
        assertThat(monthly.peakMonth()).contains(Month.JUNE);
        assertThat(monthly.visitsIn(Month.JUNE)).isEqualTo(3_416);
    }

    @Test
    void defaultsToSlemanAndItsLatestYear() {
        WarehouseFixture.build(warehouseDir);

        VisitsOverview overview = service.overview(null, null);

        assertThat(overview.district().code()).isEqualTo(SLEMAN);
        assertThat(overview.years()).containsExactly(SLEMAN_2017.year(), SLEMAN_2018.year());
        assertThat(overview.year()).isEqualTo(SLEMAN_2018.year());
        assertThat(overview.snapshot()).map(s -> s.name()).contains(WarehouseFixture.SNAPSHOT);
    }

    @Test
    void defaultsToTheFirstDistrictWhenSlemanHasNoData() {
        WarehouseFixture.publish(warehouseDir, "snapshot-20200101T000000000Z", List.of(BANTUL_2019));

        VisitsOverview overview = service.overview(null, null);

        assertThat(overview.district().code()).isEqualTo(BANTUL);
        assertThat(overview.year()).isEqualTo(BANTUL_2019.year());
        assertThat(overview.monthly().byMonth()).containsExactlyElementsOf(BANTUL_2019.asList());
    }

    @Test
    void offersOnlyDistrictsWithVisitsLabelledFromTheRegionsReference() {
        WarehouseFixture.build(warehouseDir);

        List<District> districts = service.overview(null, null).districts();

        List<String> expectedCodes = WarehouseFixture.ALL.stream().map(Series::district).distinct().sorted().toList();
        assertThat(districts).extracting(District::code).containsExactlyElementsOf(expectedCodes)
                .doesNotContain(KULON_PROGO);
        assertThat(districts).extracting(District::label)
                .containsExactly("Kab. Bantul (3402)", "Kab. Sleman (3404)", "Kota Yogyakarta (3471)");
        assertThat(YOGYAKARTA).isEqualTo("3471");
    }

    @Test
    void keepsARequestedYearWithoutDataSoTheScreenCanSaySo() {
        WarehouseFixture.build(warehouseDir);

        VisitsOverview overview = service.overview(SLEMAN, 2030);

        assertThat(overview.year()).isEqualTo(2030);
        assertThat(overview.hasData()).isFalse();
        assertThat(overview.monthly().byMonth()).containsOnly(0L);
    }

    @Test
    void keepsAnUnknownDistrictWithoutData() {
        WarehouseFixture.build(warehouseDir);

        VisitsOverview overview = service.overview("9999", 2018);

        assertThat(overview.district().code()).isEqualTo("9999");
        assertThat(overview.districtHasData()).isFalse();
        assertThat(overview.hasData()).isFalse();
    }

    @Test
    void missingCurrentGivesAnEmptyOverviewNotAnException() {
        VisitsOverview overview = service.overview(SLEMAN, 2018);

        assertThat(overview.snapshot()).isEmpty();
        assertThat(overview.districts()).isEmpty();
        assertThat(overview.hasData()).isFalse();
        assertThat(service.yearsWithData(SLEMAN)).isEmpty();
    }

    @Test
    void currentNamingNoSnapshotFolderIsTreatedAsNoData() throws IOException {
        Files.writeString(warehouseDir.resolve("CURRENT"), "snapshot-that-was-deleted\n");
        assertThat(service.overview(null, null).snapshot()).isEmpty();

        // Nor may CURRENT lead the reader out of the warehouse (here: to the warehouse's own parent's child).
        Files.writeString(warehouseDir.resolve("CURRENT"), "../" + warehouseDir.getFileName());
        assertThat(service.overview(null, null).snapshot()).isEmpty();
    }

    @Test
    void picksUpANewlyPublishedSnapshotWithoutRestart() {
        WarehouseFixture.build(warehouseDir);
        assertThat(service.overview(SLEMAN, null).years()).containsExactly(2017, 2018);

        Series sleman2019 = new Series(SLEMAN, 2019,
                new long[] {1, 2, 3, 4, 5, 6, 70, 8, 9, 10, 11, 12});
        WarehouseFixture.publish(warehouseDir, "snapshot-20200115T020000000Z",
                List.of(SLEMAN_2017, SLEMAN_2018, sleman2019));

        VisitsOverview overview = service.overview(SLEMAN, null);
        assertThat(overview.snapshot()).map(s -> s.name()).contains("snapshot-20200115T020000000Z");
        assertThat(overview.years()).containsExactly(2017, 2018, 2019);
        assertThat(overview.year()).isEqualTo(2019);
        assertThat(overview.monthly().peakMonth()).contains(sleman2019.peakMonth());
        assertThat(overview.monthly().total()).isEqualTo(sleman2019.total());
    }

    @Test
    void aDamagedParquetFileIsReportedAsAWarehouseError() throws IOException {
        WarehouseFixture.build(warehouseDir);
        Files.writeString(warehouseDir.resolve(WarehouseFixture.SNAPSHOT).resolve("visits_monthly/part-1.parquet"),
                "this is not parquet");

        assertThatThrownBy(() -> service.overview(SLEMAN, 2018)).isInstanceOf(WarehouseException.class);
    }

    /** Peak month, its visits, and the year's total, computed without the service's SQL. */
    private static long[] peakAndTotal(Path snapshot, String district, int year) throws SQLException {
        String sql = """
                SELECT arg_max(month, total), max(total), sum(total)
                FROM (SELECT month, sum(visits) AS total FROM read_parquet(?)
                      WHERE district_code = ? AND year = ? GROUP BY month)
                """;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement statement = duckdb.prepareStatement(sql)) {
            statement.setString(1, snapshot.resolve("visits_monthly/*.parquet").toString());
            statement.setString(2, district);
            statement.setInt(3, year);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)};
            }
        }
    }
}
