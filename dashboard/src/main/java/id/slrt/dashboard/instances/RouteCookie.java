package id.slrt.dashboard.instances;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sticky sessions behind a reverse proxy: every answer of a named instance carries the cookie
 * {@value #NAME}{@code =<instance>} when the browser's differs, and the proxy sends the browser's next
 * requests to that instance (nginx: a {@code map} of the cookie to an upstream, docs/cluster.md). When the
 * instance stops, the proxy sends the browser to another one, which has no session for it: the user signs
 * in again there, and this filter moves the cookie to the new instance. Not a secret: it names a server.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RouteCookie extends OncePerRequestFilter {
    public static final String NAME = "SLRT_ROUTE";

    private final String instance;

    public RouteCookie(InstanceProperties properties) {
        this.instance = properties.name();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return instance.isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!instance.equals(current(request))) {
            Cookie cookie = new Cookie(NAME, instance);
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
        chain.doFilter(request, response);
    }

    private static String current(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (NAME.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
