package id.slrt.dashboard;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The SLRT Monitor dashboard: Vaadin views over the warehouse that the ETL publishes.
 *
 * <p>It never runs Spark: it reads the ETL's Parquet through an in-process DuckDB (see
 * {@code warehouse.Warehouse}). Each screen keeps its SQL in its feature package, e.g.
 * {@code visits.VisitsService}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@StyleSheet(Lumo.STYLESHEET)
public class DashboardApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(DashboardApplication.class, args);
    }
}
