package id.slrt.dashboard.mail;

import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import id.slrt.dashboard.security.RegionScope;

/**
 * Runs a subscriber's queries as if they were signed in with their region, so the services'
 * {@link RegionScope} narrows every query to it: a subscriber can only ever be sent their own region,
 * by the same rule that guards the screens and the API.
 */
final class SubscriberScope {

    private SubscriberScope() {
    }

    static <T> T call(MailProperties.Subscriber subscriber, Supplier<T> work) {
        SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
        SecurityContext previous = holder.getContext();
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "mail:" + subscriber.email(), null, subscriber.authorities()));
        holder.setContext(context);
        try {
            // Vaadin's holder prefers a UI session's user: never run a subscriber's report under anyone else.
            RegionScope expected = RegionScope.of(subscriber.authorities());
            if (!RegionScope.current().equals(expected)) {
                throw new IllegalStateException("cannot take the region scope of " + subscriber.email()
                        + " on this thread (got " + RegionScope.current() + ")");
            }
            return work.get();
        } finally {
            if (previous.getAuthentication() == null) {
                holder.clearContext();
            } else {
                holder.setContext(previous);
            }
        }
    }
}
