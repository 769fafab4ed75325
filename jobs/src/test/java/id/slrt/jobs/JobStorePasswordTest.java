package id.slrt.jobs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job store (schedule and run records) has a password, and a store made without one gets it. */
class JobStorePasswordTest {
    @Test
    void anOldStoreWithTheEmptyPasswordGetsAGeneratedOneKeptReadableByItsOwnerOnly() throws Exception {
        JobsInstance.Store store = JobsInstance.Store.create();
        String url = "jdbc:h2:file:" + store.dir().resolve("scheduler").toAbsolutePath();
        // An installation from before: user sa, empty password, with data in it.
        try (Connection old = DriverManager.getConnection(url, "sa", "")) {
            old.createStatement().execute("CREATE TABLE KEPT (ID INT); INSERT INTO KEPT VALUES (7)");
        }

        try (JobsInstance jobs = JobsInstance.start(store, Map.of())) {
            assertThat(jobs.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        }

        String password = Files.readString(store.passwordFile());
        assertThat(password).matches("[0-9a-f]{48}");
        assertThat(Files.getPosixFilePermissions(store.passwordFile()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(url, "sa", password);
             var rs = c.createStatement().executeQuery("SELECT (SELECT ID FROM KEPT), count(*) FROM ETL_RUNS")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }

    @Test
    void aPasswordFromTheEnvironmentIsUsedAndNoneIsGenerated() throws Exception {
        JobsInstance.Store store = JobsInstance.Store.create();
        String url = "jdbc:h2:file:" + store.dir().resolve("scheduler").toAbsolutePath();
        // spring.datasource.password is ${SLRT_JOBS_DB_PASSWORD:} in application.yml.
        try (JobsInstance jobs = JobsInstance.start(store, Map.of("spring.datasource.password", "from-the-environment"))) {
            assertThat(jobs.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        }
        assertThat(store.passwordFile()).doesNotExist();
        try (Connection c = DriverManager.getConnection(url, "sa", "from-the-environment")) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class);
    }
}
