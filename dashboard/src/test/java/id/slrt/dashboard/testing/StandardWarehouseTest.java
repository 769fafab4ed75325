package id.slrt.dashboard.testing;

import org.springframework.security.test.context.support.WithMockUser;
import com.vaadin.browserless.SpringBrowserlessTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A screen test, server-side without a browser, over the standard fixture warehouse, signed in as a
 * national user unless the test class says otherwise ({@code @WithMockUser}).
 */
@SpringBootTest
@WithMockUser(username = "nasional", authorities = "ROLE_NATIONAL")
public abstract class StandardWarehouseTest extends SpringBrowserlessTest {

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("slrt.warehouse", () -> SharedWarehouse.standard().toString());
        registry.add("slrt.jobs.url", () -> JobsApiDouble.instance().url());
        registry.add("slrt.jobs.api-token", () -> JobsApiDouble.TOKEN);
    }
}
