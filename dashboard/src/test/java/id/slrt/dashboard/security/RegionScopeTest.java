package id.slrt.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.AuthorityUtils;

import id.slrt.dashboard.filters.Filters;

/** The scope rules, without Spring: what each role's filters become, and what is refused. */
class RegionScopeTest {

    private static final Filters PERIOD = new Filters(YearMonth.of(2018, 1), YearMonth.of(2018, 12), null, null, null);

    @Test
    void aDistrictUserIsNarrowedToTheirDistrictAndRefusedAnyOther() {
        RegionScope sleman = scope("ROLE_DISTRICT", "REGION_3404");
        assertThat(sleman.enforce(PERIOD).district()).isEqualTo("3404");
        assertThat(sleman.enforce(PERIOD.withProvince("34")).district()).isEqualTo("3404");
        assertThatThrownBy(() -> sleman.enforce(PERIOD.withDistrict("3402"))).isInstanceOf(AccessDenied.class)
                .hasMessageContaining("3402");
        assertThatThrownBy(() -> sleman.enforce(PERIOD.withProvince("33"))).isInstanceOf(AccessDenied.class);
    }

    @Test
    void aProvinceUserSeesTheirProvinceAndItsDistricts() {
        RegionScope diy = scope("ROLE_PROVINCE", "REGION_34");
        assertThat(diy.enforce(PERIOD).province()).isEqualTo("34");
        assertThat(diy.enforce(PERIOD.withDistrict("3402")).district()).isEqualTo("3402");
        assertThatThrownBy(() -> diy.enforce(PERIOD.withDistrict("3322"))).isInstanceOf(AccessDenied.class);
    }

    @Test
    void nationalAndAdminSeeAllOnlyAdminSeesOperations() {
        assertThat(scope("ROLE_NATIONAL").enforce(PERIOD.withDistrict("3322")).district()).isEqualTo("3322");
        assertThatThrownBy(() -> scope("ROLE_NATIONAL").requireAdmin()).isInstanceOf(AccessDenied.class);
        scope("ROLE_ADMIN").requireAdmin();
    }

    @Test
    void noRoleOrARegionalRoleWithoutItsRegionSeesNothing() {
        assertThatThrownBy(() -> scope().enforce(PERIOD)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> scope("ROLE_DISTRICT").enforce(PERIOD)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> scope("ROLE_PROVINCE", "REGION_3404").enforce(PERIOD)).isInstanceOf(AccessDenied.class);
    }

    private static RegionScope scope(String... authorities) {
        return RegionScope.of(AuthorityUtils.createAuthorityList(authorities));
    }
}
