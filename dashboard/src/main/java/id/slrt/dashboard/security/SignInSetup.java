package id.slrt.dashboard.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Someone must be able to sign in, and never with a default password: outside the demo profile the
 * dashboard refuses to start without configured users or OpenID Connect, and with a user whose password
 * hash is the demo's (copied from application-demo.yml). The demo's own rules: {@link DemoUsers}.
 */
@Component
public class SignInSetup {

    /** The bcrypt hash of the demo password slrt-demo, as in application-demo.yml. */
    static final String DEMO_HASH = "$2a$10$SuiLL3ykuWGxtO6dnZU3UOX01mMR6m1gek1a0mgpj6QVLIwQFTA3K";

    public SignInSetup(SecurityProperties properties, ObjectProvider<ClientRegistrationRepository> oidc,
                       ObjectProvider<JwtDecoder> bearer) {
        if (properties.demo()) {
            return;
        }
        boolean openIdConnect = oidc.getIfAvailable() != null || bearer.getIfAvailable() != null;
        if (properties.users().isEmpty() && !openIdConnect) {
            throw new UnsafeSetup("Tidak ada yang dapat masuk: tidak ada pengguna (slrt.security.users) dan tidak ada "
                    + "OpenID Connect. Tidak ada kata sandi bawaan di luar profil demo.",
                    "Nobody can sign in: no users (slrt.security.users) and no OpenID Connect. There is no default "
                            + "password outside the demo profile.", UnsafeSetup.CONFIGURE);
        }
        for (SecurityProperties.User user : properties.users()) {
            String hash = user.password() == null ? "" : user.password().replace("{bcrypt}", "");
            if (hash.equals(DEMO_HASH)) {
                throw new UnsafeSetup("Pengguna " + user.username() + " memakai kata sandi demo (slrt-demo) di luar "
                        + "profil demo.", "User " + user.username() + " has the demo password (slrt-demo) outside the "
                        + "demo profile.", UnsafeSetup.CONFIGURE);
            }
        }
    }
}
