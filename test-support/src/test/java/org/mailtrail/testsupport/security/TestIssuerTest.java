package org.mailtrail.testsupport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The issuer's tokens as a service sees them: decoded by Spring Security from the issuer's discovery document. */
class TestIssuerTest {

    private static TestIssuer issuer;
    private static NimbusJwtDecoder decoder;

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
        decoder = decoderFor(issuer);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    /** What every service does: issuer from discovery, the issuer's validators (60 s skew), one of its audiences. */
    private static NimbusJwtDecoder decoderFor(TestIssuer issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer.issuerUri()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer.issuerUri()),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains("mailtrail"))));
        return decoder;
    }

    @Test
    void publishesDiscoveryPointingAtItsKeys() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(issuer.issuerUri() + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode discovery = JsonMapper.builder().build().readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(discovery.get("issuer").asString()).isEqualTo(issuer.issuerUri());
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(issuer.jwksUri());
        assertThat(discovery.has("authorization_endpoint")).isTrue();
        assertThat(discovery.has("response_types_supported")).isTrue();
        assertThat(discovery.has("subject_types_supported")).isTrue();
        assertThat(discovery.get("id_token_signing_alg_values_supported").get(0).asString()).isEqualTo("RS256");
    }

    @Test
    void signsAPersonsTokenThatDecodesWithItsClaims() {
        Jwt jwt = decoder.decode(issuer.person("alice", "salesperson").audience("mailtrail").sign());

        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getIssuer()).hasToString(issuer.issuerUri());
        assertThat(jwt.getAudience()).containsExactly("mailtrail");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("salesperson");
        assertThat(jwt.getClaimAsString("email")).isEqualTo("alice@contoso.example");
        assertThat(jwt.getClaimAsString("name")).isEqualTo("Alice");
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("alice");
        assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
    }

    @Test
    void signsAServiceTokenWithSpaceSeparatedScopes() {
        Jwt jwt = decoder.decode(issuer.service("mailtrail-mail-ingestor", "connections.token", "messages.link")
                .audience("mailtrail", "mailtrail-config-service").sign());

        assertThat(jwt.getClaimAsString("scope")).isEqualTo("connections.token messages.link");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("mailtrail-service");
        assertThat(jwt.getAudience()).containsExactly("mailtrail", "mailtrail-config-service");
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo("mailtrail-mail-ingestor");
    }

    @Test
    void writesAnyOtherClaimAsGiven() {
        Jwt jwt = decoder.decode(issuer.token().subject("bob").audience("mailtrail").claim("tid", "tenant-1")
                .claim("groups", List.of("a", "b")).expiresIn(Duration.ofHours(1)).sign());

        assertThat(jwt.getClaimAsString("tid")).isEqualTo("tenant-1");
        assertThat(jwt.getClaimAsStringList("groups")).containsExactly("a", "b");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void acceptsATokenExpiredWithinTheClockSkew() {
        assertThat(decoder.decode(good().expiredSince(Duration.ofSeconds(30)).sign())).isNotNull();
    }

    @Test
    void refusesAnExpiredToken() {
        assertRefused(good().expiredSince(Duration.ofMinutes(2)).sign());
    }

    @Test
    void refusesATokenOfAnotherIssuer() {
        assertRefused(good().issuedBy("https://other-issuer.example").sign());
    }

    @Test
    void refusesATokenWithoutAudience() {
        assertRefused(good().withoutAudience().sign());
    }

    @Test
    void refusesATokenForAnotherAudience() {
        assertRefused(issuer.person("alice", "salesperson").audience("another-service").sign());
    }

    @Test
    void refusesATokenSignedByAStrangerUnderThePublishedKeyId() {
        assertRefused(good().signedByStranger().sign());
    }

    @Test
    void refusesATokenSignedByAStrangerUnderAnUnknownKeyId() {
        assertRefused(good().signedByStranger("stranger-key").sign());
    }

    @Test
    void keepsVerifyingOldTokensAndVerifiesNewOnesAfterRotation() {
        try (TestIssuer rotating = TestIssuer.start()) {
            NimbusJwtDecoder decoder = decoderFor(rotating);
            String before = rotating.person("alice", "salesperson").audience("mailtrail").sign();
            decoder.decode(before);
            String oldKey = rotating.currentKeyId();

            rotating.rotate();
            String after = rotating.person("alice", "salesperson").audience("mailtrail").sign();

            assertThat(rotating.currentKeyId()).isNotEqualTo(oldKey);
            assertThat(decoder.decode(after).getSubject()).isEqualTo("alice");
            assertThat(decoder.decode(before).getSubject()).isEqualTo("alice");
            assertThatThrownBy(() -> decoder.decode(rotating.person("alice").audience("mailtrail")
                    .signedByStranger(oldKey).sign())).isInstanceOf(JwtException.class);
        }
    }

    private static TestIssuer.TokenBuilder good() {
        return issuer.person("alice", "salesperson").audience("mailtrail");
    }

    private static void assertRefused(String token) {
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void grantsClientCredentialsForTheScopesAClientMayAskForWithTheirAudience() throws Exception {
        HttpResponse<String> granted = askForToken(TestIssuer.SERVICE_SECRET, "messages.link");

        assertThat(granted.statusCode()).isEqualTo(200);
        Jwt jwt = NimbusJwtDecoder.withIssuerLocation(issuer.issuerUri()).build()
                .decode(JsonMapper.builder().build().readTree(granted.body()).path("access_token").asString());
        assertThat(jwt.getAudience()).containsExactly("mailtrail-mail-ingestor");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("mailtrail-service");
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("messages.link");
        assertThat(askForToken("wrong", "messages.link").statusCode()).isEqualTo(401);
        assertThat(askForToken(TestIssuer.SERVICE_SECRET, "everything").body()).contains("invalid_scope");
    }

    private static HttpResponse<String> askForToken(String secret, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((TestIssuer.SERVICE_CLIENT + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer.tokenUri()))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
