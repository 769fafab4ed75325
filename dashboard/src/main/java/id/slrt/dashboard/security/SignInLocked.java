package id.slrt.dashboard.security;

import java.time.Duration;

import org.springframework.security.authentication.LockedException;

/**
 * A sign-in refused because the user name or the address is locked out ({@link SignInThrottle}); the
 * password was not checked. The API answers 429 with Retry-After, the login view says when to try again.
 */
public class SignInLocked extends LockedException {

    private final Duration retryAfter;

    public SignInLocked(SignInThrottle.Locked locked) {
        super("too many failed sign-ins for " + locked.what());
        this.retryAfter = locked.retryAfter();
    }

    /** Whole seconds until the next try is allowed, at least 1 (Retry-After). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** Whole minutes, at least 1, for people. */
    public long retryAfterMinutes() {
        return Math.max(1, (retryAfterSeconds() + 59) / 60);
    }
}
