package org.mailtrail.testsupport.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real, minimal OpenID Connect issuer for tests: an HTTP server on 127.0.0.1 that publishes its discovery document at
 * {@code {issuer}/.well-known/openid-configuration} and its keys at {@code {issuer}/jwks}, and signs tokens with an RSA key
 * made at start. A service under test is pointed at it with {@code mailtrail.security.issuer-uri=}{@link #issuerUri()} and
 * then checks tokens exactly as it does in production: discovery, JWKS, signature, {@code iss}, {@code aud}, expiry.
 *
 * <pre>{@code
 * try (TestIssuer issuer = TestIssuer.start()) {
 *     String token = issuer.person("alice", "salesperson").audience("mailtrail").sign();
 *     String refused = issuer.person("alice", "salesperson").audience("mailtrail").signedByStranger().sign();
 * }
 * }</pre>
 *
 * Tokens are stamped with the issuer's clock, the system clock unless {@link #start(Clock)} is given another. Its
 * token endpoint ({@code {issuer}/token}) grants client credentials to the clients registered with {@link #client},
 * one of them from the start: {@value #SERVICE_CLIENT} with the secret {@value #SERVICE_SECRET}, which may ask for
 * every permission a mailtrail service asks for.
 */
public final class TestIssuer implements AutoCloseable {

    /** The domain of the mail addresses {@link #person} gives people. */
    public static final String MAIL_DOMAIN = "contoso.example";

    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    /** The client every service under test gets its client-credentials tokens as. */
    public static final String SERVICE_CLIENT = "test-service";
    public static final String SERVICE_SECRET = "test-service-secret";
    /** The permissions mailtrail's services ask each other for, and the audience each is issued for. */
    public static final Map<String, String> PERMISSIONS = Map.of("connections.token", "mailtrail-config-service",
            "messages.link", "mailtrail-mail-ingestor", "messages.read", "mailtrail-mail-ingestor", "metrics.read",
            "mailtrail-metrics");

    private static TestIssuer shared;

    /** A registered client: its secret and, per scope it may ask for, the audience of the token. */
    private record Client(String secret, Map<String, String> audiences) {
    }

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final AtomicInteger clientTokensIssued = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String issuerUri;
    private final Clock clock;
    /** Every key published, oldest first; the last one signs. */
    private final List<RSAKey> keys = new CopyOnWriteArrayList<>();
    /** Never published: what an attacker or a misconfigured issuer would sign with. */
    private final RSAKey stranger;

    private TestIssuer(Clock clock) throws IOException {
        this.clock = clock;
        this.keys.add(newKey());
        this.stranger = newKey();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.issuerUri = "http://127.0.0.1:" + server.getAddress().getPort();
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "test-issuer");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discovery()));
        server.createContext("/jwks", exchange -> answer(exchange, jwks()));
        server.createContext("/token", this::grant);
        clients.put(SERVICE_CLIENT, new Client(SERVICE_SECRET, PERMISSIONS));
        server.start();
    }

    /** The issuer every test of this JVM shares, started on first use and stopped with the JVM. */
    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-issuer-stop"));
        }
        return shared;
    }

    /** Where services ask for client-credentials tokens. */
    public String tokenUri() {
        return issuerUri + "/token";
    }

    /** Registers a client that may ask for the scopes given, each token issued for the scope's audience. */
    public TestIssuer client(String clientId, String secret, Map<String, String> scopeAudiences) {
        clients.put(clientId, new Client(secret, Map.copyOf(scopeAudiences)));
        return this;
    }

    /** How many client-credentials tokens the token endpoint has granted. */
    public int clientTokensIssued() {
        return clientTokensIssued.get();
    }

    /** {@code POST /token}: client credentials only, the client authenticated by HTTP Basic or form fields. */
    private void grant(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String clientId = form.get("client_id");
            String secret = form.get("client_secret");
            String basic = exchange.getRequestHeaders().getFirst("Authorization");
            if (basic != null && basic.startsWith("Basic ")) {
                String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
                        .split(":", 2);
                clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
                secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
            }
            Client client = clientId == null ? null : clients.get(clientId);
            if (client == null || !client.secret().equals(secret)) {
                reply(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            if (!"client_credentials".equals(form.get("grant_type"))) {
                reply(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
                return;
            }
            List<String> scopes = form.getOrDefault("scope", "").isBlank() ? List.of()
                    : List.of(form.get("scope").trim().split("\\s+"));
            if (scopes.isEmpty() || !client.audiences().keySet().containsAll(scopes)) {
                reply(exchange, 400, "{\"error\":\"invalid_scope\"}");
                return;
            }
            String token = service(clientId, scopes.toArray(String[]::new))
                    .audience(scopes.stream().map(client.audiences()::get).distinct().toArray(String[]::new))
                    .expiresIn(Duration.ofMinutes(10)).sign();
            clientTokensIssued.incrementAndGet();
            reply(exchange, 200, JSONObjectUtils.toJSONString(Map.of("access_token", token, "token_type", "Bearer",
                    "expires_in", 600, "scope", String.join(" ", scopes))));
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Starts an issuer on a free port of 127.0.0.1, stamping tokens with the system clock. */
    public static TestIssuer start() {
        return start(Clock.systemUTC());
    }

    /** Starts an issuer whose tokens are issued and expire by {@code clock}: for services that check expiry against theirs. */
    public static TestIssuer start(Clock clock) {
        try {
            return new TestIssuer(clock);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test issuer", e);
        }
    }

    /** The {@code iss} of its tokens and the base of its discovery document, with no trailing slash. */
    public String issuerUri() {
        return issuerUri;
    }

    /** Where the public keys are published, as the discovery document's {@code jwks_uri} says. */
    public String jwksUri() {
        return issuerUri + "/jwks";
    }

    /** The key id of the key that signs now. */
    public String currentKeyId() {
        return signingKey().getKeyID();
    }

    /** A token with no claims but {@code iss}, {@code iat}, {@code exp} and {@code jti}: a test adds what it needs. */
    public TokenBuilder token() {
        return new TokenBuilder();
    }

    /**
     * A person's token: subject {@code username}, {@code preferred_username}, {@code name}, an {@code email} at
     * {@value #MAIL_DOMAIN} and the roles given. It has no audience until {@link TokenBuilder#audience} is called.
     */
    public TokenBuilder person(String username, String... roles) {
        return token().subject(username).preferredUsername(username).name(capitalized(username))
                .email(username + "@" + MAIL_DOMAIN).roles(roles);
    }

    /**
     * A service's token (client credentials): subject and {@code client_id} {@code clientId}, the role
     * {@code mailtrail-service} and the scopes given. It has no audience until {@link TokenBuilder#audience} is called.
     */
    public TokenBuilder service(String clientId, String... scopes) {
        return token().subject(clientId).claim("client_id", clientId).roles("mailtrail-service").scopes(scopes);
    }

    /**
     * Publishes a new key and signs with it from now on, keeping the old ones published, as an identity provider does
     * while it rolls its keys: tokens signed before still verify.
     */
    public void rotate() {
        keys.add(newKey());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private RSAKey signingKey() {
        return keys.get(keys.size() - 1);
    }

    private String discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuerUri);
        document.put("authorization_endpoint", issuerUri + "/authorize");
        document.put("token_endpoint", issuerUri + "/token");
        document.put("userinfo_endpoint", issuerUri + "/userinfo");
        document.put("jwks_uri", jwksUri());
        document.put("response_types_supported", List.of("code"));
        document.put("grant_types_supported", List.of("authorization_code", "client_credentials", "refresh_token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of(JWSAlgorithm.RS256.getName()));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "private_key_jwt"));
        document.put("scopes_supported", List.of("openid", "profile", "email"));
        document.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "email", "name",
                "preferred_username", "roles", "scope"));
        return JSONObjectUtils.toJSONString(document);
    }

    private String jwks() {
        return new JWKSet(List.<JWK>copyOf(keys)).toPublicJWKSet().toString();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not make an RSA key", e);
        }
    }

    private static String capitalized(String username) {
        return username.isEmpty() ? username : Character.toUpperCase(username.charAt(0)) + username.substring(1);
    }

    /**
     * One token to sign. Good by default (this issuer, published key, valid for five minutes); the methods that make it
     * one a service must refuse say so.
     */
    public final class TokenBuilder {

        private final Map<String, Object> claims = new LinkedHashMap<>();
        private final List<String> audiences = new ArrayList<>();
        private String issuer = issuerUri;
        private Instant issuedAt = clock.instant();
        private Instant expiresAt = issuedAt.plus(DEFAULT_LIFETIME);
        private RSAKey signer;
        private String keyId;

        private TokenBuilder() {
        }

        public TokenBuilder subject(String subject) {
            return claim("sub", subject);
        }

        /** The {@code roles} claim, an array of strings; replaces roles given before. */
        public TokenBuilder roles(String... roles) {
            return claim("roles", List.of(roles));
        }

        public TokenBuilder email(String email) {
            return claim("email", email);
        }

        public TokenBuilder name(String name) {
            return claim("name", name);
        }

        public TokenBuilder preferredUsername(String username) {
            return claim("preferred_username", username);
        }

        /** Adds audiences to {@code aud}; one audience is written as a string, several as an array. */
        public TokenBuilder audience(String... audiences) {
            this.audiences.addAll(Arrays.asList(audiences));
            return this;
        }

        /** The {@code scope} claim, space-separated as OAuth 2.0 writes it; no claim when there is no scope. */
        public TokenBuilder scopes(String... scopes) {
            if (scopes.length == 0) {
                claims.remove("scope");
                return this;
            }
            return claim("scope", String.join(" ", scopes));
        }

        /** Valid from now for {@code lifetime}. */
        public TokenBuilder expiresIn(Duration lifetime) {
            this.issuedAt = clock.instant();
            this.expiresAt = issuedAt.plus(lifetime);
            return this;
        }

        /**
         * To be refused: expired {@code ago}. Services allow 60 seconds of clock skew, so a token expired for less than
         * that is still accepted.
         */
        public TokenBuilder expiredSince(Duration ago) {
            this.expiresAt = clock.instant().minus(ago);
            this.issuedAt = expiresAt.minus(DEFAULT_LIFETIME);
            return this;
        }

        /** To be refused: {@code iss} is another issuer's, though this issuer's published key signs it. */
        public TokenBuilder issuedBy(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** To be refused: no {@code aud} at all, whatever audiences were given before. */
        public TokenBuilder withoutAudience() {
            audiences.clear();
            return this;
        }

        /**
         * To be refused: signed by a key this issuer never published, under the key id of the key that signs now, so a
         * service finds a key to check with and the signature does not match.
         */
        public TokenBuilder signedByStranger() {
            return signedByStranger(signingKey().getKeyID());
        }

        /**
         * To be refused: signed by a key this issuer never published, under {@code keyId}; an unknown key id makes the
         * service look for the key in the JWKS again before refusing.
         */
        public TokenBuilder signedByStranger(String keyId) {
            this.signer = stranger;
            this.keyId = keyId;
            return this;
        }

        /** Any claim; {@code null} removes it. Lists and maps are written as JSON arrays and objects. */
        public TokenBuilder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        /** The compact serialisation, for an {@code Authorization: Bearer} header. */
        public String sign() {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
            claims.forEach(set::claim);
            set.issuer(issuer).issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString());
            if (audiences.size() == 1) {
                set.claim("aud", audiences.get(0));
            } else if (!audiences.isEmpty()) {
                set.audience(List.copyOf(audiences));
            }
            RSAKey key = signer != null ? signer : signingKey();
            String kid = keyId != null ? keyId : key.getKeyID();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(), set.build());
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException("could not sign a token", e);
            }
            return jwt.serialize();
        }
    }
}
