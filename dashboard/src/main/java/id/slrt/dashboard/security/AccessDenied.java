package id.slrt.dashboard.security;

/**
 * A region or screen outside the user's scope: the query is not run, nothing of it is shown.
 * The message is English (the API's); screens say it in their language from {@link #asked()} and
 * {@link #allowed()}.
 *
 * @see RegionScope
 */
public class AccessDenied extends RuntimeException {

    private final String asked;
    private final String allowed;

    public AccessDenied(String message) {
        this(message, null, null);
    }

    public AccessDenied(String message, String asked, String allowed) {
        super(message);
        this.asked = asked;
        this.allowed = allowed;
    }

    /** The region asked for; null when a screen, not a region, was refused. */
    public String asked() {
        return asked;
    }

    /** The user's own region. */
    public String allowed() {
        return allowed;
    }

    /** The message key and arguments for a screen. */
    public String messageKey() {
        return asked == null ? "access.denied" : "access.denied.region";
    }
}
