package org.mailtrail.config.issuer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailtrail.config.issuer.InProcessMongo;
import org.mailtrail.config.secret.domain.MasterKeysets;
import org.mailtrail.config.secret.domain.SecretCipher;
import org.mailtrail.config.secret.domain.SecretsProperties;
import org.mailtrail.testsupport.ManualClock;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class AuthorizationStoreTest {

    private static final InProcessMongo MONGO = new InProcessMongo();
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);
    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final RegisteredClient client = RegisteredClient.withId("mailtrail-cli").clientId("mailtrail-cli")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("http://127.0.0.1:8400/callback").scope("openid").build();
    private final ManualClock clock = new ManualClock(NOW);
    private MongoTemplate mongo;
    private AuthorizationStore store;

    @BeforeEach
    void store() {
        mongo = MONGO.template("authorization_store_test");
        mongo.getDb().drop();
        store = new AuthorizationStore(mongo, new SecretCipher(new SecretsProperties(MasterKeysets.generate(), null)),
                clock);
    }

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    /** A person's authorization after the code was redeemed: state, code, access, refresh and ID token. */
    private OAuth2Authorization redeemed(String id, Duration refreshLife) {
        User alice = new User("alice", "", List.of(new SimpleGrantedAuthority("ROLE_salesperson")));
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("http://127.0.0.1:8081/oauth2/authorize").clientId(client.getClientId())
                .redirectUri("http://127.0.0.1:8400/callback").state("state-" + id)
                .additionalParameters(Map.of("code_challenge", "challenge", "code_challenge_method", "S256")).build();
        return OAuth2Authorization.withRegisteredClient(client).id(id).principalName("alice")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .attribute(OAuth2ParameterNames.STATE, "state-" + id)
                .attribute(OAuth2AuthorizationRequest.class.getName(), request)
                .attribute(java.security.Principal.class.getName(),
                        UsernamePasswordAuthenticationToken.authenticated(alice, null, alice.getAuthorities()))
                .token(new OAuth2AuthorizationCode("code-" + id, NOW, NOW.plus(Duration.ofMinutes(5))))
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-" + id, NOW,
                        NOW.plus(Duration.ofMinutes(10))))
                .refreshToken(new OAuth2RefreshToken("refresh-" + id, NOW, NOW.plus(refreshLife)))
                .token(new OidcIdToken("id-" + id, NOW, NOW.plus(Duration.ofMinutes(30)), Map.of("sub", "alice")))
                .build();
    }

    @Test
    void findsASavedAuthorizationByEachOfItsTokensAndItsState() {
        store.save(redeemed("a1", Duration.ofHours(1)));

        assertThat(store.findById("a1").getPrincipalName()).isEqualTo("alice");
        assertThat(store.findByToken("state-a1", STATE).getId()).isEqualTo("a1");
        assertThat(store.findByToken("code-a1", CODE).getId()).isEqualTo("a1");
        assertThat(store.findByToken("access-a1", OAuth2TokenType.ACCESS_TOKEN).getId()).isEqualTo("a1");
        assertThat(store.findByToken("refresh-a1", OAuth2TokenType.REFRESH_TOKEN).getId()).isEqualTo("a1");
        assertThat(store.findByToken("id-a1", ID_TOKEN).getId()).isEqualTo("a1");
        OAuth2Authorization read = store.findByToken("refresh-a1", null);
        assertThat(read.getId()).isEqualTo("a1");
        assertThat(read.getAccessToken().getToken().getTokenValue()).isEqualTo("access-a1");
        assertThat(read.<UsernamePasswordAuthenticationToken>getAttribute(java.security.Principal.class.getName())
                .getName()).isEqualTo("alice");
    }

    @Test
    void findsNothingByATokenOfAnotherKindOrAnUnknownOne() {
        store.save(redeemed("a1", Duration.ofHours(1)));

        assertThat(store.findByToken("access-a1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
        assertThat(store.findByToken("code-a1", new OAuth2TokenType("device_code"))).isNull();
        assertThat(store.findByToken("never-issued", null)).isNull();
    }

    @Test
    void keepsOnlyHashesOfTokensAndTheAuthorizationEncrypted() {
        store.save(redeemed("a1", Duration.ofHours(1)));

        Document stored = mongo.getCollection(AuthorizationStore.COLLECTION).find().first();
        assertThat(stored.getString("accessTokenHash")).isEqualTo(AuthorizationStore.sha256("access-a1"));
        assertThat(stored.toJson()).doesNotContain("access-a1", "refresh-a1", "code-a1", "state-a1", "id-a1",
                "alice@", "challenge");
        assertThat(stored.get("expiresAt", java.util.Date.class).toInstant())
                .isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void replacesAnAuthorizationSavedAgainAndForgetsItsOldTokens() {
        OAuth2Authorization first = redeemed("a1", Duration.ofHours(1));
        store.save(first);
        store.save(OAuth2Authorization.from(first).accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                "access-renewed", NOW, NOW.plus(Duration.ofMinutes(10)))).build());

        assertThat(store.findByToken("access-a1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
        assertThat(store.findByToken("access-renewed", OAuth2TokenType.ACCESS_TOKEN).getId()).isEqualTo("a1");
        assertThat(mongo.getCollection(AuthorizationStore.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void removesAnAuthorization() {
        OAuth2Authorization authorization = redeemed("a1", Duration.ofHours(1));
        store.save(authorization);

        store.remove(authorization);

        assertThat(store.findById("a1")).isNull();
        assertThat(store.findByToken("refresh-a1", null)).isNull();
    }

    @Test
    void sweepsAuthorizationsOnceTheirLastTokenHasExpired() {
        store.save(redeemed("short", Duration.ofMinutes(40)));
        store.save(redeemed("long", Duration.ofHours(2)));

        clock.advance(Duration.ofMinutes(39));
        assertThat(store.deleteExpired()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(store.deleteExpired()).isEqualTo(1);

        assertThat(store.findById("short")).isNull();
        assertThat(store.findById("long")).isNotNull();
    }
}
