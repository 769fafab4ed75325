package id.slrt.jobs.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The jobs service is for administrators: every request needs {@code Authorization: Bearer
 * <slrt.jobs.api-token>} (the dashboard's JobsClient sends it), except the probes
 * ({@code /actuator/health/liveness}, {@code /readiness}) and plain {@code /actuator/health}, which
 * without the token says the status only (its details are shown to the token's holder: the request
 * carries an administrator principal, which actuator's {@code show-details: when-authorized} checks).
 * With no token configured everything else is closed (403). Refusals are JSON.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminToken extends OncePerRequestFilter {
    static final Set<String> OPEN = Set.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");
    private static final String BEARER = "Bearer ";
    private static final Principal ADMINISTRATOR = () -> "administrator";

    private final byte[] token;
    private final JsonMapper json;

    public AdminToken(@Value("${slrt.jobs.api-token:}") String token, JsonMapper json) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (holdsToken(request)) {
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public Principal getUserPrincipal() {
                    return ADMINISTRATOR;
                }

                @Override
                public boolean isUserInRole(String role) {
                    return true;
                }
            }, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (OPEN.contains(path)) {
            chain.doFilter(request, response);
        } else if (token.length == 0) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN,
                    "closed: set slrt.jobs.api-token (SLRT_JOBS_API_TOKEN) here and in the dashboard");
        } else {
            response.setHeader("WWW-Authenticate", "Bearer");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "missing or wrong API token");
        }
    }

    private boolean holdsToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (token.length == 0 || authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        // Constant time: the comparison does not tell how much of a guess was right.
        return MessageDigest.isEqual(authorization.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8), token);
    }

    private void refuse(HttpServletResponse response, int status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(body));
    }
}
