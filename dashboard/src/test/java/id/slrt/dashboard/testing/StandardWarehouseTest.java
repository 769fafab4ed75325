package id.slrt.dashboard.testing;

import com.vaadin.browserless.SpringBrowserlessTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A screen test, server-side without a browser, over the standard fixture warehouse. */
@SpringBootTest
public abstract class StandardWarehouseTest extends SpringBrowserlessTest {

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("slrt.warehouse", () -> SharedWarehouse.standard().toString());
    }
}
