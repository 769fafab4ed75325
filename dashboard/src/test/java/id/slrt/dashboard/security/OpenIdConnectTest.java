package id.slrt.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.slrt.dashboard.testing.SharedWarehouse;

/**
 * The production setting with an OpenID Connect provider, tested with configuration only (no provider
 * runs here): the sign-in redirects to the configured provider, and the API accepts bearer tokens
 * signed with the provider's key (here a key made by the test), mapping slrt_role and slrt_region to the
 * same region scope as a configured user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Order(2) // its own Spring context; see junit-platform.properties
class OpenIdConnectTest {

    private static final KeyPair KEYS = keys();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Files.createTempFile("slrt-oidc-", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        registry.add("slrt.warehouse", () -> SharedWarehouse.standard().toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
        String provider = "spring.security.oauth2.client.provider.sso.";
        String client = "spring.security.oauth2.client.registration.sso.";
        registry.add(client + "client-id", () -> "slrt-monitor");
        registry.add(client + "client-secret", () -> "secret");
        registry.add(client + "authorization-grant-type", () -> "authorization_code");
        registry.add(client + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add(client + "scope", () -> "openid");
        registry.add(provider + "authorization-uri", () -> "https://sso.kemensos.example/auth");
        registry.add(provider + "token-uri", () -> "https://sso.kemensos.example/token");
        registry.add(provider + "jwk-set-uri", () -> "https://sso.kemensos.example/certs");
        registry.add(provider + "user-name-attribute", () -> "sub");
    }

    @Test
    void signingInRedirectsToTheConfiguredProvider() throws Exception {
        HttpResponse<String> response = get("/oauth2/authorization/sso", null);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse(""))
                .startsWith("https://sso.kemensos.example/auth?response_type=code&client_id=slrt-monitor");
    }

    @Test
    void theApiTakesBearerTokensWithTheRegionClaims() throws Exception {
        String sleman = token(KEYS, Map.of("slrt_role", "DISTRICT", "slrt_region", "3404"));
        assertThat(get("/api/v1/visits/monthly?district=3404&year=2018", sleman).statusCode()).isEqualTo(200);
        HttpResponse<String> bantul = get("/api/v1/visits/monthly?district=3402&year=2019", sleman);
        assertThat(bantul.statusCode()).isEqualTo(403);
        assertThat(bantul.body()).contains("access denied");
        assertThat(get("/api/v1/visits/monthly?district=3402&year=2019",
                token(KEYS, Map.of("slrt_role", "NATIONAL"))).statusCode()).isEqualTo(200);
        // Signed with another key: not accepted.
        assertThat(get("/api/v1/visits/monthly?district=3404&year=2018",
                token(keys(), Map.of("slrt_role", "NATIONAL"))).statusCode()).isEqualTo(401);
        // A token without the claims has no role: nothing.
        assertThat(get("/api/v1/visits/monthly?district=3404&year=2018", token(KEYS, Map.of())).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theIdTokensClaimsBecomeTheSameAuthoritiesAsAConfiguredUser() {
        OidcIdToken idToken = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60),
                Map.of("sub", "bappeda", "slrt_role", "province", "slrt_region", "34"));
        var mapped = SecurityConfig.oidcAuthorities().mapAuthorities(List.of(new OidcUserAuthority(idToken)));
        assertThat(mapped.stream().map(GrantedAuthority::getAuthority)).containsExactlyInAnyOrder("ROLE_PROVINCE", "REGION_34");
        assertThat(RegionScope.of(mapped)).isEqualTo(new RegionScope("PROVINCE", "34"));
    }

    private HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(KeyPair keys, Map<String, String> claims) throws Exception {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().subject("someone").issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), set.build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
