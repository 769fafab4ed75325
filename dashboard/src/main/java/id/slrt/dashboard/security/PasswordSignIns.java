package id.slrt.dashboard.security;

import java.nio.charset.StandardCharsets;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every sign-in with a user name and password, the login form's and HTTP Basic's (API, actuator), in
 * this order, each step cheaper than the next:
 * <ol>
 *   <li>a user name or password longer than any that can be right is refused (bcrypt reads 72 bytes);</li>
 *   <li>a locked-out user name or address is refused ({@link SignInThrottle}) before bcrypt runs, so
 *       guessing cannot eat the CPU;</li>
 *   <li>demo users are refused once real data was published ({@link DemoUsers});</li>
 *   <li>the password is checked by bcrypt; for HTTP Basic a password checked in the last minutes is
 *       recognised without bcrypt ({@link RememberedBasicLogins}).</li>
 * </ol>
 * A wrong password counts against the user name and the address; a right one clears the user name's count.
 */
final class PasswordSignIns implements AuthenticationProvider {

    static final int MAX_USERNAME = 128;
    /** bcrypt ignores what follows the 72nd byte and Spring's encoder refuses it: such a password is wrong. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final DaoAuthenticationProvider form;
    private final RememberedBasicLogins basic;
    private final SignInThrottle throttle;
    private final DemoUsers demo;
    private final AuditLog audit;

    PasswordSignIns(UserDetailsService users, PasswordEncoder encoder, SignInThrottle throttle, DemoUsers demo,
                    AuditLog audit) {
        this.form = new DaoAuthenticationProvider(users);
        this.form.setPasswordEncoder(encoder);
        this.basic = new RememberedBasicLogins(users, encoder);
        this.throttle = throttle;
        this.demo = demo;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String user = request.getName() == null ? "" : request.getName();
        String address = address(request);
        Object credentials = request.getCredentials();
        if (user.length() > MAX_USERNAME) {
            // Not kept under its own name (the tables would hold arbitrary text): counts for the address.
            fail(user.substring(0, MAX_USERNAME), address);
            throw new BadCredentialsException("user name too long");
        }
        throttle.check(user, address).ifPresent(locked -> {
            throw new SignInLocked(locked);
        });
        demo.checkSignInsOpen();
        if (credentials == null || credentials.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            fail(user, address);
            throw new BadCredentialsException("Bad credentials");
        }
        try {
            Authentication signedIn = request.getDetails() instanceof BasicDetails
                    ? basic.authenticate(request) : form.authenticate(request);
            throttle.succeeded(user);
            return signedIn;
        } catch (BadCredentialsException e) {
            fail(user, address);
            throw e;
        }
    }

    private void fail(String user, String address) {
        for (SignInThrottle.Locked started : throttle.failed(user, address)) {
            audit.lockedOut(started.what(), started.retryAfter());
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * The client's address as the servlet container saw it. X-Forwarded-For is not read here: it is
     * whatever the client wants it to be. Behind a reverse proxy, set server.forward-headers-strategy
     * (native) so the container takes the address from the proxy's header (application.yml).
     */
    private static String address(Authentication request) {
        return request.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
    }

    /** The details of an HTTP Basic sign-in, so it is told from the login form's. */
    static final class BasicDetails extends WebAuthenticationDetails {
        BasicDetails(jakarta.servlet.http.HttpServletRequest request) {
            super(request);
        }

        BasicDetails(String remoteAddress) {
            super(remoteAddress, null);
        }
    }
}
