package id.slrt.dashboard.security;

/**
 * The dashboard refuses to start: it would let people in with a published password, on a public
 * address or over real data, or with no way to sign in at all. {@link #getMessage()} says what is wrong
 * and {@link #action()} how to fix it, in Bahasa Indonesia and then English (printed by
 * {@link UnsafeSetupAnalyzer}).
 */
public class UnsafeSetup extends RuntimeException {

    /** How to configure real users or OpenID Connect, for every refusal. */
    static final String CONFIGURE = """
            Atur pengguna sendiri di slrt.security.users (hash bcrypt; lihat README) atau OpenID Connect \
            (spring.security.oauth2.client.registration.*), dan jalankan tanpa profil demo.
            Configure your own users in slrt.security.users (bcrypt hashes; see README) or OpenID Connect \
            (spring.security.oauth2.client.registration.*), and run without the demo profile.""";

    private final String action;

    public UnsafeSetup(String indonesian, String english, String action) {
        super(indonesian + "\n" + english);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
