package id.slrt.dashboard.instances;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The cookie a reverse proxy keeps a browser on its instance by (Vaadin's screens live in that instance's memory). */
class RouteCookieTest {

    @Test
    void aNamedInstanceSetsItsRouteCookieWhenTheBrowsersDiffersAndANamelessOneNever() throws Exception {
        RouteCookie b = new RouteCookie(new InstanceProperties("b", InstanceProperties.SharedState.DATABASE));
        MockHttpServletRequest movedOver = new MockHttpServletRequest("GET", "/");
        movedOver.setCookies(new jakarta.servlet.http.Cookie(RouteCookie.NAME, "a"));
        MockHttpServletResponse answer = new MockHttpServletResponse();
        b.doFilter(movedOver, answer, new MockFilterChain());
        assertThat(answer.getCookie(RouteCookie.NAME)).isNotNull().satisfies(c -> {
            assertThat(c.getValue()).isEqualTo("b");
            assertThat(c.isHttpOnly()).isTrue();
            assertThat(c.getPath()).isEqualTo("/");
        });

        MockHttpServletRequest staying = new MockHttpServletRequest("GET", "/");
        staying.setCookies(new jakarta.servlet.http.Cookie(RouteCookie.NAME, "b"));
        MockHttpServletResponse again = new MockHttpServletResponse();
        b.doFilter(staying, again, new MockFilterChain());
        assertThat(again.getCookie(RouteCookie.NAME)).isNull();

        MockHttpServletResponse single = new MockHttpServletResponse();
        new RouteCookie(new InstanceProperties("", InstanceProperties.SharedState.FILES))
                .doFilter(new MockHttpServletRequest("GET", "/"), single, new MockFilterChain());
        assertThat(single.getCookie(RouteCookie.NAME)).isNull();
    }

    @Test
    void anInstanceNameThatCouldBreakTheCookieOrTheProxyMapIsRefusedAtStart() {
        for (String bad : new String[] {"a\r\nSet-Cookie: x=y", "a;b", "../b", "A", "a b", "x".repeat(21)}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new InstanceProperties(bad, InstanceProperties.SharedState.DATABASE))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slrt.instance.name");
        }
    }
}
