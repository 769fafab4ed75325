package id.slrt.dashboard.warehouse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "warehouse": the snapshot shown, its age, and the ETL's last run
 * (from the snapshot's {@code runs} table). Down only when the warehouse cannot be read; before the
 * first ETL run the dashboard is up and says there is no snapshot yet. A newly published snapshot that
 * failed its check is named with the reason ({@code refusedSnapshot}, {@code refusedBecause}) while the
 * previous one is still served (up), or with nothing to serve (down). The details are for
 * administrators only (application.yml).
 */
@Component("warehouseHealthIndicator") // shown as "warehouse"
public class WarehouseHealth implements HealthIndicator {

    static final String LAST_RUN_SQL = """
            SELECT status, epoch_ms(started_at), epoch_ms(finished_at), message FROM %s ORDER BY started_at DESC LIMIT 1
            """;

    private final Warehouse warehouse;

    public WarehouseHealth(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Health health() {
        Optional<Snapshot> current = warehouse.currentSnapshot();
        if (current.isEmpty()) {
            return Health.up().withDetail("snapshot", "none")
                    .withDetail("message", "the ETL has not published a snapshot yet").build();
        }
        Snapshot snapshot = current.get();
        Optional<Warehouse.Refusal> refused = warehouse.refused();
        if (refused.isPresent() && refused.get().serving().isEmpty()) {
            return Health.down().withDetail("snapshot", "none")
                    .withDetail("refusedSnapshot", refused.get().snapshot())
                    .withDetail("refusedBecause", refused.get().problem()).build();
        }
        Health.Builder health = Health.up().withDetail("snapshot", snapshot.name());
        refused.ifPresent(r -> health.withDetail("refusedSnapshot", r.snapshot()).withDetail("refusedBecause", r.problem()));
        snapshot.publishedAt().ifPresent(t -> health.withDetail("publishedAt", t.toInstant().toString())
                .withDetail("ageMinutes", Duration.between(t.toInstant(), Instant.now()).toMinutes()));
        try {
            warehouse.table(snapshot, "runs").ifPresent(runs -> warehouse.query(LAST_RUN_SQL.formatted(runs), List.of(), rows -> {
                if (rows.next()) {
                    health.withDetail("lastRunStatus", rows.getString(1))
                            .withDetail("lastRunStartedAt", Instant.ofEpochMilli(rows.getLong(2)).toString());
                    long finished = rows.getLong(3);
                    if (!rows.wasNull()) {
                        health.withDetail("lastRunFinishedAt", Instant.ofEpochMilli(finished).toString());
                    }
                    if (rows.getString(4) != null) {
                        health.withDetail("lastRunMessage", rows.getString(4));
                    }
                }
                return null;
            }));
        } catch (WarehouseException e) {
            return Health.down().withDetail("snapshot", snapshot.name()).withDetail("error", e.getMessage()).build();
        }
        return health.build();
    }
}
