package id.slrt.dashboard.security;

import org.springframework.security.authentication.DisabledException;

/** A demo user's sign-in after real data was published: refused, the password was not checked ({@link DemoUsers}). */
public class DemoSignInsClosed extends DisabledException {

    public DemoSignInsClosed(String snapshot) {
        super("demo users are switched off: snapshot " + snapshot + " is not the sample data");
    }
}
