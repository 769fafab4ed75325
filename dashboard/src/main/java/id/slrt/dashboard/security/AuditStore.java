package id.slrt.dashboard.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit log as a table (db/shared-state.sql) of the dashboard's own database, for instances side by
 * side ({@code slrt.instance.shared-state: database}). Only {@link AuditLog} uses it.
 */
@Repository
class AuditStore {
    private final JdbcClient jdbc;

    AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(Instant at, String event, String who, String detail, String instance) {
        jdbc.sql("INSERT INTO audit_log (at, event, who, detail, instance) VALUES (:at, :event, :who, :detail, :instance)")
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("event", event)
                .param("who", cut(who, 320)).param("detail", cut(detail, 2000)).param("instance", instance)
                .update();
    }

    /** The lines, oldest first, as the audit file writes them (time, event, user, detail, tab-separated). */
    List<String> lines() {
        return jdbc.sql("SELECT at, event, who, detail FROM audit_log ORDER BY id")
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant() + "\t" + rs.getString(2) + "\t"
                        + rs.getString(3) + "\t" + rs.getString(4)).list();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
