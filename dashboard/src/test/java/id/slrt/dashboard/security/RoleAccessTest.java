package id.slrt.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import id.slrt.dashboard.national.NationalView;
import id.slrt.dashboard.operations.OperationsView;
import id.slrt.dashboard.quality.QualityView;
import id.slrt.dashboard.reach.ReachView;
import id.slrt.dashboard.referrals.ReferralsView;
import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.StandardWarehouseTest;
import id.slrt.dashboard.visits.MonthlyVisitsView;

/**
 * Who sees what, on every screen, for each role: the own region shows its numbers, another region in
 * the URL shows "access denied" and nothing of that region.
 */
class RoleAccessTest extends StandardWarehouseTest {

    private static final NumberFormat ID = NumberFormat.getIntegerInstance(Locale.of("id", "ID"));
    private static final String PERIOD_2018 = "dari=2018-01&sampai=2018-12";

    @Test
    @WithMockUser(username = "kadis-sleman", authorities = {"ROLE_DISTRICT", "REGION_3404"})
    void aDistrictHeadSeesOnlyTheirDistrict() {
        open(NationalView.class, PERIOD_2018);
        assertThat(location()).contains("kabupaten=3404");
        assertThat(text("kpi-visits-value")).isEqualTo(ID.format(oracle(
                "SELECT sum(visits) FROM {visits_monthly} WHERE year = 2018 AND district_code = '3404'")));

        for (Class<? extends Component> view : java.util.List.of(NationalView.class, ReferralsView.class,
                QualityView.class, ReachView.class)) {
            open(view, PERIOD_2018 + "&kabupaten=3402");
            assertThat(denial()).as(view.getSimpleName()).startsWith("Akses ditolak").contains("3402");
            assertThat($(Span.class).withId("kpi-visits-value").exists()).isFalse();
            open(view, PERIOD_2018 + "&provinsi=33");
            assertThat(denial()).as(view.getSimpleName()).startsWith("Akses ditolak");
        }
        open(MonthlyVisitsView.class, "kabupaten=3402&tahun=2019");
        assertThat(denial()).startsWith("Akses ditolak").contains("3402");
        assertThat($(com.vaadin.flow.component.charts.Chart.class).exists()).isFalse();
        open(MonthlyVisitsView.class, "kabupaten=3404&tahun=2018");
        assertThat($(com.vaadin.flow.component.html.Paragraph.class).id("peak-text").getText())
                .isEqualTo("Puncak: Juni, 3.416 kunjungan");
    }

    @Test
    @WithMockUser(username = "bappeda-diy", authorities = {"ROLE_PROVINCE", "REGION_34"})
    void aProvincePlannerSeesTheirProvinceAndItsDistricts() {
        open(NationalView.class, PERIOD_2018);
        assertThat(location()).contains("provinsi=34");
        open(ReferralsView.class, PERIOD_2018 + "&kabupaten=3471");
        assertThat($(Span.class).id("kpi-referred-value").getText()).isEqualTo(ID.format(oracle(
                "SELECT sum(referred) FROM {referrals_monthly} WHERE year = 2018 AND district_code = '3471'")));
        open(ReachView.class, PERIOD_2018 + "&provinsi=33");
        assertThat(denial()).startsWith("Akses ditolak").contains("33");
        // Kab. Semarang is in province 33: refused as such.
        open(QualityView.class, PERIOD_2018 + "&kabupaten=3322");
        assertThat(denial()).isEqualTo("Akses ditolak: wilayah 33 di luar wilayah Anda (34).");
    }

    @Test
    @WithMockUser(username = "nasional", authorities = "ROLE_NATIONAL")
    void aDirectorSeesEveryRegionButNotOperations() {
        open(QualityView.class, PERIOD_2018 + "&provinsi=33");
        assertThat(denial()).doesNotContain("Akses ditolak"); // no data there, but no denial either
        UI.getCurrent().navigate(OperationsView.class);
        assertThat($(com.vaadin.flow.component.grid.Grid.class).withId("runs-grid").exists()).isFalse();
    }

    @Test
    @WithMockUser(username = "admin", authorities = "ROLE_ADMIN")
    void anAdministratorSeesOperations() {
        UI.getCurrent().navigate(OperationsView.class);
        assertThat($(com.vaadin.flow.component.grid.Grid.class).id("runs-grid").isVisible()).isTrue();
    }

    private String denial() {
        return $(Div.class).id("empty-state").getText();
    }

    private String text(String id) {
        return $(Span.class).id(id).getText();
    }

    private static long oracle(String sql) {
        return Oracle.number(SharedWarehouse.standard(), sql);
    }

    private static String location() {
        return UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters();
    }

    private static void open(Class<? extends Component> view, String query) {
        UI.getCurrent().navigate(view, QueryParameters.fromString(query));
    }

    @SuppressWarnings("unused")
    private static Map<String, String> none() {
        return Map.of();
    }
}
