package org.mailtrail.config.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailtrail.config.issuer.IssuerFileWriter.publicApplication;
import static org.mailtrail.config.issuer.IssuerFileWriter.service;
import static org.mailtrail.config.issuer.IssuerFileWriter.user;
import static org.mailtrail.config.issuer.IssuerFileWriter.with;
import static org.mailtrail.config.issuer.IssuerFileWriter.write;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailtrail.config.ConfigServiceApplication;
import org.mailtrail.config.ConfigServiceMatrix;
import org.mailtrail.config.issuer.domain.IssuerHousekeeping;
import org.mailtrail.config.issuer.domain.IssuerSetupException;
import org.mailtrail.config.secret.domain.MasterKeysets;
import org.mailtrail.testsupport.IntegrationTest;
import org.mailtrail.testsupport.ManualClock;
import org.mailtrail.testsupport.security.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded issuer over real HTTP, on the shared MongoDB server: the client credentials and authorization code
 * flows, a second replica on the same database, key rotation, and the starts it refuses. One context serves the
 * flows; the methods run in order because the last one moves the shared clock past a key's retention.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IssuerIT {

    private static final String ISSUER = "http://127.0.0.1:8081";
    private static final String KEYSET = MasterKeysets.generate();
    private static final String REDIRECT = "http://127.0.0.1:8400/callback";
    private static final ManualClock CLOCK = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, Object> INGESTOR = service("mail-ingestor", "ingestor-secret",
            List.of("connections.token", "metrics.read"), "PT10M");
    private static final Map<String, Object> MATCHER = service("interaction-matcher", "matcher-secret",
            List.of("messages.link"), "PT5M");
    private static final Map<String, Object> CLI = publicApplication("mailtrail-cli", REDIRECT, "PT15M");
    private static final Path CLIENTS = write("clients", List.of(INGESTOR, MATCHER, CLI));
    private static final Path USERS = write("users", List.of(user("alice", "alice-password",
            List.of("salesperson", "sales-manager"), "alice@contoso.com", "Alice Example")));

    /** Beside the default ones: the issuer enabled, for a development run. */
    private static Map<String, String> issuerProperties(Path clients) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("mailtrail.secrets.master-keyset", KEYSET);
        properties.put("mailtrail.development-run", "true");
        properties.put("mailtrail.issuer.enabled", "true");
        properties.put("mailtrail.issuer.url", ISSUER);
        properties.put("mailtrail.issuer.clients-file", clients.toString());
        properties.put("mailtrail.issuer.users-file", USERS.toString());
        return properties;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        issuerProperties(CLIENTS).forEach((name, value) -> registry.add(name, () -> value));
    }

    @TestConfiguration
    static class SharedClock {

        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    IssuerHousekeeping housekeeping;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Environment environment;

    @Test
    @Order(1)
    void aServiceGetsATokenForTheAudiencesOfItsScopes() {
        Browser service = new Browser(port);

        HttpResponse<String> response = service.token("mail-ingestor", "ingestor-secret",
                Map.of("grant_type", "client_credentials", "scope", "connections.token metrics.read"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode claims = claims(json(response).path("access_token").asString());
        assertThat(claims.path("iss").asString()).isEqualTo(ISSUER);
        assertThat(claims.path("sub").asString()).isEqualTo("mail-ingestor");
        assertThat(strings(claims.path("aud"))).containsExactly("mailtrail-config-service", "mailtrail-metrics");
        assertThat(strings(claims.path("roles"))).containsExactly("mailtrail-service");
        assertThat(strings(claims.path("scope"))).containsExactlyInAnyOrder("connections.token", "metrics.read");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(600).isLessThanOrEqualTo(3600);
        assertThat(json(response).path("expires_in").asLong()).isLessThanOrEqualTo(600);
    }

    @Test
    @Order(1)
    void aServiceWithAWrongSecretOrAScopeItWasNotGivenGetsNoToken() {
        Browser service = new Browser(port);

        HttpResponse<String> wrongSecret = service.token("mail-ingestor", "guessed",
                Map.of("grant_type", "client_credentials"));
        HttpResponse<String> otherScope = service.token("mail-ingestor", "ingestor-secret",
                Map.of("grant_type", "client_credentials", "scope", "messages.link"));

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(json(wrongSecret).path("error").asString()).isEqualTo("invalid_client");
        assertThat(otherScope.statusCode()).isEqualTo(400);
        assertThat(json(otherScope).path("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    @Order(2)
    void aPersonSignsInWithPkceAndGetsTokensWithTheirRoles() {
        Browser browser = new Browser(port);
        Pkce pkce = new Pkce();

        String code = browser.signInForCode("alice", "alice-password", pkce);
        HttpResponse<String> withoutVerifier = browser.token(null, null, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "client_id", "mailtrail-cli"));
        HttpResponse<String> response = browser.token(null, null, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "client_id", "mailtrail-cli", "code_verifier", pkce.verifier()));

        assertThat(withoutVerifier.statusCode()).as(withoutVerifier.body()).isIn(400, 401);
        assertThat(withoutVerifier.body()).doesNotContain("access_token");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode access = claims(json(response).path("access_token").asString());
        assertThat(access.path("iss").asString()).isEqualTo(ISSUER);
        assertThat(access.path("sub").asString()).isEqualTo("alice");
        assertThat(access.path("preferred_username").asString()).isEqualTo("alice");
        assertThat(strings(access.path("aud"))).containsExactly("mailtrail");
        assertThat(strings(access.path("roles"))).containsExactly("salesperson", "sales-manager");
        assertThat(access.path("email").asString()).isEqualTo("alice@contoso.com");
        assertThat(access.path("name").asString()).isEqualTo("Alice Example");
        assertThat(access.path("exp").asLong() - access.path("iat").asLong()).isEqualTo(900);
        JsonNode id = claims(json(response).path("id_token").asString());
        assertThat(strings(id.path("aud"))).containsExactly("mailtrail-cli");
        assertThat(id.path("email").asString()).isEqualTo("alice@contoso.com");
        assertThat(strings(id.path("roles"))).containsExactly("salesperson", "sales-manager");

        HttpResponse<String> userinfo = browser.get("/userinfo", json(response).path("access_token").asString());
        assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
        assertThat(json(userinfo).path("sub").asString()).isEqualTo("alice");
        assertThat(json(userinfo).path("email").asString()).isEqualTo("alice@contoso.com");
    }

    @Test
    @Order(2)
    void aCodeRequestWithoutPkceOrWithAWrongPasswordGetsNoCode() {
        Browser browser = new Browser(port);

        HttpResponse<String> withoutChallenge = browser.get("/oauth2/authorize?response_type=code&client_id=mailtrail-cli"
                + "&redirect_uri=" + encode(REDIRECT) + "&scope=openid&state=s1", null);
        assertThat(withoutChallenge.statusCode()).isEqualTo(302);
        assertThat(withoutChallenge.headers().firstValue("Location").orElseThrow())
                .startsWith(REDIRECT + "?error=invalid_request").doesNotContain("code=");

        HttpResponse<String> wrongPassword = browser.signIn("alice", "not-her-password", new Pkce());
        assertThat(wrongPassword.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    }

    @Test
    @Order(2)
    void theDiscoveryDocumentNamesTheFixedIssuer() {
        HttpResponse<String> discovery = new Browser(port).get("/.well-known/openid-configuration", null);

        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(json(discovery).path("issuer").asString()).isEqualTo(ISSUER);
        assertThat(json(discovery).path("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
    }

    @Test
    @Order(3)
    void aSecondReplicaOnTheSameDatabaseSignsWithTheSameKeyAndRedeemsTheFirstOnesCodes() throws Exception {
        try (ConfigurableApplicationContext replica = start(issuerProperties(CLIENTS))) {
            int otherPort = Integer.parseInt(replica.getEnvironment().getProperty("local.server.port"));
            Browser first = new Browser(port);
            Browser second = new Browser(otherPort);
            Map<String, String> grant = Map.of("grant_type", "client_credentials");

            String fromFirst = json(first.token("mail-ingestor", "ingestor-secret", grant)).path("access_token").asString();
            String fromSecond = json(second.token("mail-ingestor", "ingestor-secret", grant)).path("access_token")
                    .asString();

            assertThat(second.get("/oauth2/jwks", null).body()).isEqualTo(first.get("/oauth2/jwks", null).body());
            assertThat(kid(fromSecond)).isEqualTo(kid(fromFirst));
            assertThat(verifies(fromFirst, second.jwks())).isTrue();
            assertThat(verifies(fromSecond, first.jwks())).isTrue();
            assertThat(claims(fromSecond).path("iss").asString()).isEqualTo(claims(fromFirst).path("iss").asString());

            Pkce pkce = new Pkce();
            String code = first.signInForCode("alice", "alice-password", pkce);
            HttpResponse<String> redeemed = second.token(null, null, Map.of("grant_type", "authorization_code",
                    "code", code, "redirect_uri", REDIRECT, "client_id", "mailtrail-cli", "code_verifier",
                    pkce.verifier()));
            assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(200);
            assertThat(claims(json(redeemed).path("access_token").asString()).path("sub").asString()).isEqualTo("alice");
        }
    }

    @Test
    @Order(5)
    void theIssuersKeyManagementIsForTheAdminOnlyLikeEveryOtherEndpoint() {
        ConfigServiceMatrix.withIssuer(port).verify();
    }

    @Test
    @Order(4)
    void aRotatedKeySignsAfterItIsPublishedAndTheOldOneLeavesAfterTheRetention() throws Exception {
        Browser browser = new Browser(port);
        Map<String, String> grant = Map.of("grant_type", "client_credentials");
        String before = json(browser.token("mail-ingestor", "ingestor-secret", grant)).path("access_token").asString();
        String admin = Tokens.person("admin", "mailtrail-admin");

        HttpResponse<String> rotated = browser.post("/api/issuer/keys/rotate", admin);

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        String newKid = json(rotated).path("kid").asString();
        assertThat(json(rotated).path("generation").asLong()).isEqualTo(2);
        assertThat(Instant.parse(json(rotated).path("activeFrom").asString()))
                .isEqualTo(CLOCK.instant().plus(Duration.ofSeconds(10)));
        assertThat(browser.jwks().getKeys()).extracting(key -> key.getKeyID()).containsExactly(kid(before), newKid);
        String stillOld = json(browser.token("mail-ingestor", "ingestor-secret", grant)).path("access_token").asString();
        assertThat(kid(stillOld)).isEqualTo(kid(before));

        CLOCK.advance(Duration.ofSeconds(10));
        String after = json(browser.token("mail-ingestor", "ingestor-secret", grant)).path("access_token").asString();
        assertThat(kid(after)).isEqualTo(newKid);
        assertThat(verifies(after, browser.jwks())).isTrue();
        assertThat(verifies(before, browser.jwks())).isTrue();

        HttpResponse<String> listed = browser.get("/api/issuer/keys", admin);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed).valueStream().map(key -> key.path("kid").asString())).containsExactly(kid(before), newKid);
        assertThat(json(listed).get(0).path("retiredAt").asString()).isEqualTo(json(rotated).path("activeFrom").asString());
        assertThat(listed.body()).doesNotContain("\"d\"", "\"n\"", "privateKey");

        // The longest token: the CLI's 15-minute access tokens are shorter than the 30-minute ID tokens.
        CLOCK.advance(Duration.ofMinutes(35).plusSeconds(1));
        assertThat(browser.jwks().getKeys()).extracting(key -> key.getKeyID()).containsExactly(newKid);
        housekeeping.run();
        assertThat(mongo.getCollection("issuer_keys").countDocuments()).isEqualTo(1);
    }

    @Test
    void refusesToStartOutsideADevelopmentRun(CapturedOutput output) {
        Map<String, String> properties = issuerProperties(CLIENTS);
        properties.put("mailtrail.development-run", "false");

        assertThatThrownBy(() -> start(properties)).hasRootCauseInstanceOf(IssuerSetupException.class);
        assertThat(output).contains("config-service refuses to start: the embedded issuer "
                + "(MAILTRAIL_ISSUER_ENABLED=true) is for development runs only")
                .contains("set MAILTRAIL_JWT_ISSUER_URI");
    }

    @Test
    void refusesToStartWithAPublicClientWithoutPkceOrATokenLivingOverAnHour(CapturedOutput output) {
        Path noPkce = write("clients", List.of(INGESTOR, with(CLI, "requireProofKey", false)));
        Path longLived = write("clients", List.of(with(INGESTOR, "accessTokenTtl", "PT61M"), CLI));

        assertThatThrownBy(() -> start(issuerProperties(noPkce))).hasRootCauseInstanceOf(IssuerSetupException.class);
        assertThatThrownBy(() -> start(issuerProperties(longLived))).hasRootCauseInstanceOf(IssuerSetupException.class);
        assertThat(output).contains("client 'mailtrail-cli' is a public client (no secretHash) and must use PKCE")
                .contains("client 'mail-ingestor' has accessTokenTtl PT1H1M; it must be more than zero and at most PT1H");
    }

    /** Another config-service on the same MongoDB database, broker and clock. */
    private ConfigurableApplicationContext start(Map<String, String> issuer) {
        // Command-line arguments, as an operator's environment would: they rank above application.yml.
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=0");
        for (String shared : List.of("spring.mongodb.uri", "spring.kafka.bootstrap-servers",
                "spring.cloud.stream.kafka.binder.brokers", "mailtrail.security.issuer-uri")) {
            arguments.add("--" + shared + "=" + environment.getProperty(shared));
        }
        issuer.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(ConfigServiceApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("clock", Clock.class,
                        () -> CLOCK))
                .run(arguments.toArray(String[]::new));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static String kid(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getHeader().getKeyID();
    }

    private static boolean verifies(String jwt, JWKSet keys) throws Exception {
        SignedJWT parsed = SignedJWT.parse(jwt);
        var key = keys.getKeyByKeyId(parsed.getHeader().getKeyID());
        return key != null && parsed.verify(new RSASSAVerifier(key.toRSAKey()));
    }

    private static List<String> strings(JsonNode node) {
        return node.isArray() ? node.valueStream().map(JsonNode::asString).toList() : List.of(node.asString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A PKCE verifier and its S256 challenge. */
    private record Pkce(String verifier) {

        Pkce() {
            this(UUID.randomUUID() + "-" + UUID.randomUUID());
        }

        String challenge() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A browser (cookies kept, redirects not followed) or a service, talking to one replica. */
    private static final class Browser {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;

        Browser(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        HttpResponse<String> get(String path, String bearer) {
            // As a browser asks, so the authorization request is kept for after the login; an API client asks for JSON.
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                    .header("Accept", bearer == null ? "text/html" : "application/json");
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return send(request.GET());
        }

        HttpResponse<String> post(String path, String bearer) {
            return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + bearer)
                    .POST(HttpRequest.BodyPublishers.noBody()));
        }

        HttpResponse<String> form(String path, Map<String, String> fields, String basicUser, String basicPassword) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                            .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                            .collect(Collectors.joining("&"))));
            if (basicUser != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8)));
            }
            return send(request);
        }

        HttpResponse<String> token(String clientId, String secret, Map<String, String> fields) {
            return form("/oauth2/token", fields, clientId, secret);
        }

        JWKSet jwks() throws Exception {
            return JWKSet.parse(get("/oauth2/jwks", null).body());
        }

        /** The authorization request, the login form filled in and posted: the answer to the post. */
        HttpResponse<String> signIn(String username, String password, Pkce pkce) {
            HttpResponse<String> authorize = get("/oauth2/authorize?response_type=code&client_id=mailtrail-cli"
                    + "&redirect_uri=" + encode(REDIRECT) + "&scope=" + encode("openid profile email")
                    + "&state=s1&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256", null);
            assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
            assertThat(authorize.headers().firstValue("Location").orElseThrow()).endsWith("/login");
            HttpResponse<String> page = get("/login", null);
            Matcher csrf = CSRF.matcher(page.body());
            assertThat(csrf.find()).as(page.body()).isTrue();
            HttpResponse<String> posted = form("/login", Map.of("username", username, "password", password,
                    "_csrf", csrf.group(1)), null, null);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
            return posted;
        }

        /** Signs in and follows the way back to the authorization endpoint: the code it gives the application. */
        String signInForCode(String username, String password, Pkce pkce) {
            HttpResponse<String> signedIn = signIn(username, password, pkce);
            HttpResponse<String> authorized = get(signedIn.headers().firstValue("Location").orElseThrow(), null);
            String location = authorized.headers().firstValue("Location").orElse("");
            assertThat(location).as(authorized.statusCode() + " " + authorized.body()).startsWith(REDIRECT + "?code=").contains("state=s1");
            return location.substring(location.indexOf("code=") + 5, location.indexOf('&'));
        }

        private URI uri(String path) {
            return URI.create(path.startsWith("http") ? path : base + path);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
