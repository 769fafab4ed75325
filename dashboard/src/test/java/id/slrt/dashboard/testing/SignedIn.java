package id.slrt.dashboard.testing;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs a step as another user (e.g. recording annotations as their writers), then restores the test's user. */
public final class SignedIn {

    private SignedIn() {
    }

    /** @param authorities e.g. {@code ROLE_DISTRICT, REGION_3404} */
    public static void as(String name, Runnable step, String... authorities) {
        var context = SecurityContextHolder.getContext();
        var before = context.getAuthentication();
        context.setAuthentication(new TestingAuthenticationToken(name, "x", authorities));
        try {
            step.run();
        } finally {
            context.setAuthentication(before);
        }
    }
}
