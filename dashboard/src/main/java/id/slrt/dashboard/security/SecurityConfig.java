package id.slrt.dashboard.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.config.annotation.web.configurers.HttpBasicConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Two doors: the API ({@code /api/**}: HTTP Basic over the same users, or a bearer token when an OpenID
 * Connect issuer is configured; stateless; errors as JSON) and the Vaadin screens (the login view, or
 * the OpenID Connect provider when one is configured). Who sees which region is {@link RegionScope}.
 * Every password, at either door, goes through {@link PasswordSignIns} (throttling, demo rules, bcrypt);
 * a locked-out HTTP Basic client gets 429 with Retry-After.
 *
 * <p>OpenID Connect: the provider's token carries the claims {@code slrt_role} and {@code slrt_region}
 * (see README), mapped to the same authorities as a configured user.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    static final String ROLE_CLAIM = "slrt_role";
    static final String REGION_CLAIM = "slrt_region";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SignInThrottle signInThrottle(SecurityProperties properties) {
        return new SignInThrottle(properties.signIn(), java.time.Clock.systemUTC());
    }

    /**
     * The only password check, for the form login and HTTP Basic: the global authentication provider
     * (so Spring adds no other, no UserDetailsService bean and no generated default password).
     */
    @Bean
    PasswordSignIns passwordSignIns(SecurityProperties properties, PasswordEncoder encoder, SignInThrottle throttle,
                                    DemoUsers demo, AuditLog audit, SignInSetup checkedSetup) {
        return new PasswordSignIns(new ConfiguredUsers(properties.users()), encoder, throttle, demo, audit);
    }

    /**
     * Health for load balancers and monitors without sign-in (its details only for administrators, see
     * application.yml); the other actuator endpoints for admins.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(RegionScope.ADMIN))
                .httpBasic(basic -> basic(basic, "authentication required: HTTP Basic with an administrator"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwt) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/api/v1/openapi.json").permitAll()
                        .requestMatchers("/api/v1/etl/**").hasRole(RegionScope.ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic(basic, "authentication required: HTTP Basic with a SLRT Monitor user"
                        + (jwt.getIfAvailable() != null ? ", or a bearer token" : "")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) ->
                        json(response, 403, "access denied")));
        if (jwt.getIfAvailable() != null) {
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(token -> claims(token.getClaims()));
            http.oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(converter)));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain screens(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidc, DemoUsers demo)
            throws Exception {
        if (demo.active()) {
            // A demo user signed in before real data was published must not see it at their next click.
            http.addFilterAfter(endDemoSessions(demo), SecurityContextHolderFilter.class);
        }
        // The report and map screens' downloads are plain Spring MVC, outside Vaadin's routes: any signed-in user
        // (the report itself checks the region).
        http.authorizeHttpRequests(a -> a.requestMatchers("/laporan/unduh", "/peta/unduh").authenticated());
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(o -> o.userInfoEndpoint(u -> u.userAuthoritiesMapper(oidcAuthorities())));
        }
        return http.build();
    }

    /**
     * HTTP Basic with its sign-ins marked as such ({@link PasswordSignIns} remembers their passwords for
     * a few minutes) and answers as JSON: 401, or 429 with Retry-After while locked out.
     */
    private static void basic(HttpBasicConfigurer<HttpSecurity> basic, String unauthorized) {
        basic.authenticationDetailsSource(PasswordSignIns.BasicDetails::new)
                .authenticationEntryPoint(entryPoint(unauthorized));
    }

    static AuthenticationEntryPoint entryPoint(String unauthorized) {
        return (request, response, e) -> {
            if (e instanceof SignInLocked locked) {
                response.setHeader("Retry-After", String.valueOf(locked.retryAfterSeconds()));
                json(response, 429, "terlalu banyak percobaan masuk yang gagal; coba lagi dalam "
                        + locked.retryAfterSeconds() + " detik / too many failed sign-ins; try again in "
                        + locked.retryAfterSeconds() + " seconds");
            } else if (e instanceof DemoSignInsClosed) {
                json(response, 401, "pengguna demo dinonaktifkan: data bukan data contoh / demo users are switched "
                        + "off: the data is not the sample data");
            } else {
                json(response, 401, unauthorized);
            }
        };
    }

    /** Signs a password user out (session invalidated) once the demo users are switched off ({@link DemoUsers}). */
    static Filter endDemoSessions(DemoUsers demo) {
        return (request, response, chain) -> {
            if (SecurityContextHolder.getContext().getAuthentication() instanceof UsernamePasswordAuthenticationToken
                    && !demo.sessionsAllowed()) {
                HttpSession session = ((HttpServletRequest) request).getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
            }
            chain.doFilter(request, response);
        };
    }

    /** The provider's slrt_role and slrt_region claims as the authorities a configured user gets. */
    static GrantedAuthoritiesMapper oidcAuthorities() {
        return authorities -> {
            List<GrantedAuthority> mapped = new ArrayList<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    mapped.addAll(claims(oidc.getIdToken().getClaims()));
                }
            }
            return mapped;
        };
    }

    static Collection<GrantedAuthority> claims(Map<String, Object> claims) {
        Object role = claims.get(ROLE_CLAIM);
        Object region = claims.get(REGION_CLAIM);
        if (role == null || !RegionScope.ROLES.contains(role.toString().toUpperCase(java.util.Locale.ROOT))) {
            return List.of();
        }
        return ConfiguredUsers.authorities(role.toString().toUpperCase(java.util.Locale.ROOT),
                region == null ? null : region.toString());
    }

    static void json(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + message.replace("\"", "'") + "\"}");
    }
}
