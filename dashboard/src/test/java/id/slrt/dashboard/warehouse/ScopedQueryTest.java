package id.slrt.dashboard.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.YearMonth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.authority.AuthorityUtils;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.security.AccessDenied;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.WarehouseFixture;

/** The one query helper over a real DuckDB and the fixture's Parquet: the region condition is its own. */
class ScopedQueryTest {

    private static final String VISITS = "SELECT coalesce(sum(visits), 0) FROM {visits_monthly} WHERE {period} AND {region}";
    private static final Filters YEAR_2018 = new Filters(YearMonth.of(2018, 1), YearMonth.of(2018, 12), null, null, null);

    @TempDir
    Path dir;
    private Warehouse warehouse;
    private ScopedQuery queries;
    private Snapshot snapshot;

    @BeforeEach
    void open() {
        WarehouseFixture.build(dir);
        warehouse = new Warehouse(new WarehouseProperties(dir));
        queries = new ScopedQuery(warehouse);
        snapshot = warehouse.currentSnapshot().orElseThrow();
    }

    @AfterEach
    void close() throws Exception {
        warehouse.close();
    }

    private long visits(RegionScope.Scoped scoped) {
        return queries.sql(snapshot, scoped, VISITS).read(rows -> rows.next() ? rows.getLong(1) : -1, -1L);
    }

    private long oracle(String where) {
        return Oracle.number(dir, "SELECT coalesce(sum(visits), 0) FROM {visits_monthly} WHERE year = 2018" + where);
    }

    @Test
    void aDistrictUsersQueryCountsOnlyTheirDistrictThoughTheFiltersNameNoRegion() {
        RegionScope sleman = RegionScope.of(AuthorityUtils.createAuthorityList("ROLE_DISTRICT", "REGION_3404"));
        assertThat(visits(sleman.enforce(YEAR_2018))).isEqualTo(oracle(" AND district_code = '3404'")).isPositive();
    }

    @Test
    void aProvinceUsersQueryCountsOnlyTheirProvince() {
        RegionScope diy = RegionScope.of(AuthorityUtils.createAuthorityList("ROLE_PROVINCE", "REGION_34"));
        assertThat(visits(diy.enforce(YEAR_2018))).isEqualTo(oracle(" AND province_code = '34'"));
        assertThat(visits(diy.enforce(YEAR_2018.withDistrict("3471")))).isEqualTo(oracle(" AND district_code = '3471'"));
    }

    @Test
    void aNationalUserWithoutARegionCountsEverything() {
        RegionScope national = RegionScope.of(AuthorityUtils.createAuthorityList("ROLE_NATIONAL"));
        assertThat(visits(national.enforce(YEAR_2018))).isEqualTo(oracle(""));
    }

    @Test
    void aUserWithoutARoleOrWithoutTheirRegionGetsNoScopeSoNoQuery() {
        assertThatThrownBy(() -> RegionScope.of(AuthorityUtils.createAuthorityList()).enforce(YEAR_2018))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> RegionScope.of(AuthorityUtils.createAuthorityList("ROLE_DISTRICT")).enforce(YEAR_2018))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> queries.sql(snapshot, null, VISITS)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aQueryOverRegionalDataWithoutTheRegionConditionIsRefusedBeforeItRuns() {
        RegionScope sleman = RegionScope.of(AuthorityUtils.createAuthorityList("ROLE_DISTRICT", "REGION_3404"));
        assertThatThrownBy(() -> queries.sql(snapshot, sleman.enforce(YEAR_2018),
                "SELECT sum(visits) FROM {visits_monthly} WHERE {period}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queries.reference(snapshot, VISITS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAreBoundAsParametersNeverWrittenIntoTheSql() {
        RegionScope national = RegionScope.of(AuthorityUtils.createAuthorityList("ROLE_NATIONAL"));
        long count = queries.sql(snapshot, national.enforce(YEAR_2018),
                        "SELECT count(*) FROM {visits_monthly} WHERE {region} AND programme = :programme")
                .bind("programme", "KIS' OR '1'='1").read(rows -> rows.next() ? rows.getLong(1) : -1, -1L);
        assertThat(count).isZero();
    }

    @Test
    void aQueryNamingATableTheSnapshotLacksAnswersTheNoDataValue() {
        RegionScope national = RegionScope.of(AuthorityUtils.createAuthorityList("ROLE_NATIONAL"));
        assertThat(queries.sql(snapshot, national.enforce(YEAR_2018), "SELECT 1 FROM {no_such_table} WHERE {region}")
                .list(row -> row.getInt(1))).isEmpty();
    }
}
