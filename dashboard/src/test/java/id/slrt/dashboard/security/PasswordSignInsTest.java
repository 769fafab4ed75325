package id.slrt.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check with real bcrypt hashes, counting how often bcrypt runs: a locked-out user name or
 * address is refused before it does.
 */
class PasswordSignInsTest {

    private static final String PASSWORD = "correct horse";

    @TempDir
    Path dir;

    private final SignInThrottleTest.MovableClock clock = new SignInThrottleTest.MovableClock();
    private final AtomicInteger bcryptRuns = new AtomicInteger();

    private PasswordSignIns signIns(Path auditLog) {
        // As in production (SecurityConfig): the delegating encoder, hashes with their {bcrypt} prefix.
        PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        PasswordEncoder bcrypt = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return real.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                bcryptRuns.incrementAndGet();
                return real.matches(raw, encoded);
            }
        };
        SecurityProperties properties = new SecurityProperties(
                List.of(new SecurityProperties.User("admin", bcrypt.encode(PASSWORD), "ADMIN", null, "Admin")),
                auditLog, false, new SecurityProperties.SignIn(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(1),
                Duration.ofHours(1), 100));
        AuditLog audit = new AuditLog(properties);
        return new PasswordSignIns(new ConfiguredUsers(properties.users()), bcrypt,
                new SignInThrottle(properties.signIn(), clock), new DemoUsers(properties, new StandardEnvironment(), null, audit),
                audit);
    }

    @Test
    void whileLockedOutThePasswordIsNotCheckedAtAllAndAfterwardsTheRightOneWorks() throws Exception {
        Path auditLog = dir.resolve("audit.log");
        PasswordSignIns signIns = signIns(auditLog);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> signIns.authenticate(form("admin", "guess", "192.0.2.1")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(bcryptRuns).hasValue(5);
        assertThat(Files.readString(auditLog)).contains("LOCKOUT\tuser admin\tfor 60 s");

        for (String password : List.of("guess", PASSWORD)) {
            assertThatThrownBy(() -> signIns.authenticate(form("admin", password, "192.0.2.2")))
                    .isInstanceOf(SignInLocked.class)
                    .satisfies(e -> assertThat(((SignInLocked) e).retryAfterSeconds()).isEqualTo(60));
        }
        assertThat(bcryptRuns).as("no bcrypt while locked").hasValue(5);

        clock.move(Duration.ofMinutes(1));
        Authentication signedIn = signIns.authenticate(form("admin", PASSWORD, "192.0.2.2"));
        assertThat(signedIn.isAuthenticated()).isTrue();
        // The success cleared the user's count: four more failures do not lock it.
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> signIns.authenticate(form("admin", "guess", "192.0.2.3")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(signIns.authenticate(form("admin", PASSWORD, "192.0.2.3")).isAuthenticated()).isTrue();
    }

    @Test
    void anOverlongUserNameOrPasswordIsRefusedWithoutBcrypt() {
        PasswordSignIns signIns = signIns(dir.resolve("audit.log"));
        assertThatThrownBy(() -> signIns.authenticate(form("a".repeat(100_000), PASSWORD, "192.0.2.1")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIns.authenticate(form("admin", "p".repeat(73), "192.0.2.1")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIns.authenticate(form("admin", "é".repeat(40), "192.0.2.1")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(bcryptRuns).hasValue(0);
    }

    @Test
    void anHttpBasicPasswordCheckedOnceIsRememberedButNotWhileLockedOut() {
        PasswordSignIns signIns = signIns(dir.resolve("audit.log"));
        assertThat(signIns.authenticate(basic("admin", PASSWORD, "192.0.2.1")).isAuthenticated()).isTrue();
        assertThat(signIns.authenticate(basic("admin", PASSWORD, "192.0.2.1")).isAuthenticated()).isTrue();
        assertThat(bcryptRuns).as("the second call was remembered").hasValue(1);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> signIns.authenticate(basic("admin", "guess" , "192.0.2.9")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        // Locked: even the remembered password is refused, so guesses cannot go on at SHA-256 speed.
        assertThatThrownBy(() -> signIns.authenticate(basic("admin", PASSWORD, "192.0.2.1"))).isInstanceOf(SignInLocked.class);
    }

    private static UsernamePasswordAuthenticationToken form(String user, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        token.setDetails(new WebAuthenticationDetails(address, null));
        return token;
    }

    private static UsernamePasswordAuthenticationToken basic(String user, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        token.setDetails(new PasswordSignIns.BasicDetails(address));
        return token;
    }
}
