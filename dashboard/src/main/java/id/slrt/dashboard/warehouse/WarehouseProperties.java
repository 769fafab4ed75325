package id.slrt.dashboard.warehouse;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the ETL publishes its snapshots ({@code slrt.warehouse} in application.yml).
 *
 * @param warehouse folder holding {@code CURRENT} and the {@code snapshot-*} folders; a relative path
 *                  is taken from the working directory, which is the repository root under
 *                  {@code ./slrt start}
 */
@ConfigurationProperties(prefix = "slrt")
public record WarehouseProperties(@DefaultValue("data/warehouse") Path warehouse) {
}
