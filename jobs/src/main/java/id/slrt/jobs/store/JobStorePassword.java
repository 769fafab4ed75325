package id.slrt.jobs.store;

import id.slrt.etl.runs.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The job store's password (the schedule and the run records): {@code spring.datasource.password}
 * ({@code SLRT_JOBS_DB_PASSWORD}) when set, else one generated on first start into
 * {@code slrt.jobs.database-password-file}, readable by its owner only. An H2 store made before it had a
 * password (user sa, empty password) is given this one at start-up, so an existing installation needs
 * nothing done by hand.
 */
@Configuration
public class JobStorePassword {
    /** H2's "wrong user name or password". */
    private static final int WRONG_PASSWORD = 28000;
    private static final Logger log = LoggerFactory.getLogger(JobStorePassword.class);

    @Bean
    DataSource dataSource(DataSourceProperties properties,
                          @Value("${slrt.jobs.database-password-file}") Path passwordFile) {
        String password = properties.getPassword() == null || properties.getPassword().isEmpty()
                ? fromFile(passwordFile) : properties.getPassword();
        String url = properties.determineUrl();
        if (url.startsWith("jdbc:h2:")) {
            setOnOldStore(url, properties.determineUsername(), password);
        }
        return properties.initializeDataSourceBuilder().password(password).build();
    }

    static String fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                String generated = HexFormat.of().formatHex(random());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
                    Files.writeString(file, generated, StandardCharsets.UTF_8);
                    log.info("job store password generated into {}", file);
                } catch (FileAlreadyExistsException e) {
                    // another instance made it a moment ago: use that one
                }
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException("the job store password file " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the job store password file " + file, e);
        }
    }

    private static byte[] random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** A store that still has the old empty password gets the new one; any other refusal is left to the pool. */
    private static void setOnOldStore(String url, String user, String password) {
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return;
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_PASSWORD) {
                return;
            }
        }
        try (Connection old = DriverManager.getConnection(url, user, "");
             Statement statement = old.createStatement()) {
            if (!user.matches("[A-Za-z0-9_]+")) {
                throw new IllegalStateException("cannot set the job store password for user " + user);
            }
            statement.execute("ALTER USER " + user + " SET PASSWORD '" + password.replace("'", "''") + "'");
            log.warn("the job store had no password; it now has the configured one");
        } catch (SQLException e) {
            log.debug("the job store refuses the empty password too ({})", e.getErrorCode());
        }
    }
}
