package id.slrt.dashboard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * HTTP Basic for the API without a bcrypt check on every call. Scripts send the password with each
 * request, and bcrypt (meant to be slow) took about 40% of the dashboard's CPU under load
 * (docs/load.md). A password checked once is remembered for five minutes as a salted SHA-256, in
 * memory only; a different password is checked by bcrypt again. A remembered login is a
 * {@link RememberedLogin}, which the audit log does not repeat.
 */
final class RememberedBasicLogins implements AuthenticationProvider {
    static final Duration REMEMBER = Duration.ofMinutes(5);

    /** An API call signed in by a password checked in the last five minutes. */
    static final class RememberedLogin extends UsernamePasswordAuthenticationToken {
        RememberedLogin(Authentication checked) {
            super(checked.getPrincipal(), null, checked.getAuthorities());
        }
    }

    private record Remembered(byte[] digest, Authentication authentication, Instant until) {
    }

    private final DaoAuthenticationProvider checker;
    private final byte[] salt = new byte[32];
    private final Map<String, Remembered> byUser = new ConcurrentHashMap<>();

    RememberedBasicLogins(UserDetailsService users, PasswordEncoder encoder) {
        checker = new DaoAuthenticationProvider(users);
        checker.setPasswordEncoder(encoder);
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Authentication authenticate(Authentication request) {
        if (request.getCredentials() == null) {
            return checker.authenticate(request);
        }
        String user = request.getName();
        byte[] digest = digest(user, request.getCredentials().toString());
        Remembered remembered = byUser.get(user);
        if (remembered != null && remembered.until().isAfter(Instant.now())
                && MessageDigest.isEqual(remembered.digest(), digest)) {
            return new RememberedLogin(remembered.authentication());
        }
        Authentication checked = checker.authenticate(request);
        byUser.put(user, new Remembered(digest, checked, Instant.now().plus(REMEMBER)));
        return checked;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private byte[] digest(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
