package id.slrt.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import id.slrt.dashboard.instances.InstanceProperties;
import id.slrt.dashboard.testing.UniqueText;

/** Instances side by side write their audit lines into one shared table: none lost when they write at once. */
class SharedAuditLogTest {

    @Test
    void twoInstancesWritingAtOnceLoseNoAuditLineAndWriteNoLocalFile(@TempDir Path dir) throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UniqueText.of("audit") + ";DB_CLOSE_DELAY=-1");
        try (var connection = db.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/shared-state.sql"));
        }
        AuditLog a = audit(db, "a", dir.resolve("a-audit.log"));
        AuditLog b = audit(db, "b", dir.resolve("b-audit.log"));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                pool.submit(() -> a.exported("nasional", "api /api/v1/regions? json, " + n + " rows"));
                pool.submit(() -> b.exported("kadis-sleman", "api /api/v1/regions? json, " + n + " rows"));
            }
        }
        List<String> lines = a.lines();
        assertThat(lines).hasSize(400).isEqualTo(b.lines());
        assertThat(lines).filteredOn(l -> l.contains("\tEXPORT\tkadis-sleman\t")).hasSize(200);
        assertThat(JdbcClient.create(db).sql("SELECT count(DISTINCT instance) FROM audit_log").query(Integer.class).single())
                .isEqualTo(2);
        assertThat(dir.resolve("a-audit.log")).doesNotExist();
    }

    private static AuditLog audit(JdbcDataSource db, String instance, Path file) {
        return new AuditLog(new SecurityProperties(List.of(), file, false, null),
                new InstanceProperties(instance, InstanceProperties.SharedState.DATABASE), new AuditStore(JdbcClient.create(db)));
    }
}
