package id.slrt.dashboard.layout;

import org.junit.jupiter.api.Order;
import org.springframework.security.test.context.support.WithMockUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.slrt.dashboard.national.NationalView;
import id.slrt.dashboard.operations.OperationsView;
import id.slrt.dashboard.quality.QualityView;
import id.slrt.dashboard.reach.ReachView;
import id.slrt.dashboard.referrals.ReferralsView;
import id.slrt.dashboard.testing.SharedWarehouse;

/** Before the ETL's first run every screen says why it is empty, and where the data is expected. */
@SpringBootTest
@WithMockUser(username = "admin", authorities = "ROLE_ADMIN")
@Order(1) // see junit-platform.properties
class EveryViewEmptyWarehouseTest extends SpringBrowserlessTest {

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("slrt.warehouse", () -> SharedWarehouse.empty().toString());
    }

    @Test
    void everyViewSaysTheEtlHasNotRunYet() {
        List<Class<? extends Component>> views = List.of(NationalView.class, ReferralsView.class, QualityView.class,
                ReachView.class, OperationsView.class, id.slrt.dashboard.alerts.AlertsView.class);
        for (Class<? extends Component> view : views) {
            UI.getCurrent().navigate(view);
            Div empty = $(Div.class).id("empty-state");
            assertThat(empty.getText()).as(view.getSimpleName())
                    .startsWith("Belum ada data: ETL belum pernah berjalan.")
                    .contains(SharedWarehouse.empty().toAbsolutePath().normalize().toString());
        }
    }
}
