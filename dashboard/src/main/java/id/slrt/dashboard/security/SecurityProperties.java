package id.slrt.dashboard.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code slrt.security} in application.yml: the users (only the {@code demo} profile has any by
 * default), whether they are the demo's, sign-in throttling, and the audit log.
 *
 * @param users    who may sign in with a password; empty outside the demo profile unless configured
 * @param auditLog file that logins, failed logins, lockouts and exports are appended to
 * @param demo     true only in the demo profile: the users are the demo's, with a published password,
 *                 so they are allowed only on loopback over the sample data ({@link DemoUsers})
 * @param signIn   how many failed sign-ins lock a user or an address out, and for how long
 */
@ConfigurationProperties(prefix = "slrt.security")
public record SecurityProperties(@DefaultValue List<User> users,
                                 @DefaultValue("data/state/logs/audit.log") Path auditLog,
                                 @DefaultValue("false") boolean demo,
                                 @DefaultValue SignIn signIn) {

    /**
     * @param username login name
     * @param password bcrypt hash ({@code {bcrypt}$2a$...} or just {@code $2a$...}), never plain text
     * @param role     NATIONAL, PROVINCE, DISTRICT or ADMIN
     * @param region   2-digit province (PROVINCE) or 4-digit district (DISTRICT) code
     * @param name     shown in the top bar
     */
    public record User(String username, String password, String role, String region, String name) {
    }

    /**
     * Sign-in throttling ({@link SignInThrottle}), for the login form and HTTP Basic alike.
     *
     * @param maxFailuresPerUser    failed sign-ins of one user name within {@code window} that lock it out
     * @param maxFailuresPerAddress the same for one client address; higher, because one address can be
     *                              a whole office behind NAT (or a proxy, see server.forward-headers-strategy)
     * @param window                how far back failures count
     * @param firstLockout          the first lockout; each further one doubles, up to {@code maxLockout}
     * @param maxLockout            the longest lockout
     * @param maxTracked            user names and addresses remembered at most (each); the least recently
     *                              seen are forgotten first, so rotating names cannot fill the memory
     */
    public record SignIn(@DefaultValue("5") int maxFailuresPerUser,
                         @DefaultValue("20") int maxFailuresPerAddress,
                         @DefaultValue("15m") Duration window,
                         @DefaultValue("1m") Duration firstLockout,
                         @DefaultValue("1h") Duration maxLockout,
                         @DefaultValue("10000") int maxTracked) {

        public SignIn {
            if (maxFailuresPerUser < 1 || maxFailuresPerAddress < 1 || maxTracked < 1) {
                throw new IllegalArgumentException("slrt.security.sign-in: max-failures-per-user, "
                        + "max-failures-per-address and max-tracked must be at least 1");
            }
            if (window.isNegative() || window.isZero() || firstLockout.isNegative() || firstLockout.isZero()
                    || maxLockout.compareTo(firstLockout) < 0) {
                throw new IllegalArgumentException("slrt.security.sign-in: window and first-lockout must be positive, "
                        + "max-lockout at least first-lockout");
            }
        }
    }
}
