package id.slrt.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.WebAttributes;

import id.slrt.dashboard.testing.StandardWarehouseTest;

/** What the login view says after a refused sign-in, from the reason Spring Security left in the session. */
class LoginViewTest extends StandardWarehouseTest {

    @Test
    void aLockedOutUserIsToldWhenToTryAgain() {
        LoginForm form = openAfter(new SignInLocked(new SignInThrottle.Locked("user admin", Duration.ofSeconds(90))));
        assertThat(form.isError()).isTrue();
        assertThat(view().errorMessage().getTitle()).isEqualTo("Terlalu banyak percobaan masuk yang gagal");
        assertThat(view().errorMessage().getMessage()).contains("coba lagi dalam 2 menit");
    }

    @Test
    void aWrongPasswordIsStillAWrongPassword() {
        LoginForm form = openAfter(new BadCredentialsException("Bad credentials"));
        assertThat(form.isError()).isTrue();
        assertThat(view().errorMessage().getTitle()).isEqualTo("Nama pengguna atau kata sandi salah");
    }

    @Test
    void demoUsersSwitchedOffAreToldWhy() {
        LoginForm form = openAfter(new DemoSignInsClosed("snapshot-x"));
        assertThat(view().errorMessage().getTitle()).isEqualTo("Pengguna demo dinonaktifkan");
    }

    private static LoginView view() {
        return (LoginView) UI.getCurrent().getCurrentView();
    }

    private LoginForm openAfter(Exception failure) {
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, failure);
        UI.getCurrent().navigate(LoginView.class, QueryParameters.fromString("error"));
        return $(LoginForm.class).single();
    }
}
