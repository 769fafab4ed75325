package id.slrt.dashboard.security;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code slrt.security} in application.yml: the users (only the {@code demo} profile has any by
 * default) and the audit log.
 *
 * @param users    who may sign in with a password; empty outside the demo profile unless configured
 * @param auditLog file that logins, failed logins and exports are appended to
 */
@ConfigurationProperties(prefix = "slrt.security")
public record SecurityProperties(@DefaultValue List<User> users,
                                 @DefaultValue("data/state/logs/audit.log") Path auditLog) {

    /**
     * @param username login name
     * @param password bcrypt hash ({@code {bcrypt}$2a$...} or just {@code $2a$...}), never plain text
     * @param role     NATIONAL, PROVINCE, DISTRICT or ADMIN
     * @param region   2-digit province (PROVINCE) or 4-digit district (DISTRICT) code
     * @param name     shown in the top bar
     */
    public record User(String username, String password, String role, String region, String name) {
    }
}
