package id.slrt.dashboard.visits;

import org.junit.jupiter.api.Order;
import org.springframework.security.test.context.support.WithMockUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.slrt.dashboard.testing.SharedWarehouse;

/** Before the ETL's first run there is no CURRENT: the home page says so instead of failing. */
@SpringBootTest
@WithMockUser(username = "admin", authorities = "ROLE_ADMIN")
@Order(1) // see junit-platform.properties
class MonthlyVisitsViewEmptyWarehouseTest extends SpringBrowserlessTest {

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("slrt.warehouse", () -> SharedWarehouse.empty().toString());
    }

    @Test
    void saysTheEtlHasNotRunYet() {
        open("3404", "2018");

        Div empty = $(Div.class).id("empty-state");
        assertThat(empty.isVisible()).isTrue();
        assertThat(empty.getText()).startsWith("Belum ada data: ETL belum pernah berjalan.")
                .contains(SharedWarehouse.empty().toAbsolutePath().normalize().toString());
        assertThat($(Chart.class).exists()).as("a visible chart").isFalse();
        assertThat($(ComboBox.class).withId("district-picker").exists()).as("a visible district picker").isFalse();
    }

    /** Opens the view as the URL {@code /?kabupaten=..&tahun=..} would. */
    private static void open(String district, String year) {
        UI.getCurrent().navigate(MonthlyVisitsView.class,
                QueryParameters.simple(Map.of("kabupaten", district, "tahun", year)));
    }
}
