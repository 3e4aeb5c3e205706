package org.mailtrail.config.issuer;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.mailtrail.config.issuer.domain.IssuerClients;
import org.mailtrail.config.issuer.domain.IssuerHousekeeping;
import org.mailtrail.config.issuer.domain.IssuerSetupException;
import org.mailtrail.config.issuer.domain.IssuerTokenClaims;
import org.mailtrail.config.issuer.domain.IssuerUsers;
import org.mailtrail.config.issuer.domain.ScopeAudiences;
import org.mailtrail.config.issuer.domain.SigningKeys;
import org.mailtrail.config.issuer.store.AuthorizationStore;
import org.mailtrail.config.issuer.store.SigningKeyStore;
import org.mailtrail.config.secret.domain.SecretCipher;
import org.mailtrail.platform.scheduling.Timers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The embedded issuer's parts, only when {@code mailtrail.issuer.enabled}: clients and people from their files,
 * signing keys and authorizations in MongoDB, tokens shaped by {@link IssuerTokenClaims}. Spring Authorization
 * Server finds these beans by type; its filter chain is {@link IssuerSecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("mailtrail.issuer.enabled")
@EnableConfigurationProperties({ IssuerProperties.class, DevelopmentRunProperties.class })
class IssuerConfiguration {

    /** ID tokens live 30 minutes in Spring Authorization Server, whatever the client's settings say. */
    private static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(30);
    /** How long a retired key outlives the longest token it signed: verifiers' clock skew and JWK set caches. */
    private static final Duration RETENTION_MARGIN = Duration.ofMinutes(5);

    IssuerConfiguration(IssuerProperties properties, DevelopmentRunProperties run) {
        // Checked before any other part is made, so this is the reason given rather than, say, a missing file.
        if (!run.developmentRun()) {
            throw IssuerSetupException.notADevelopmentRun();
        }
        if (!isHttpUrl(properties.url())) {
            throw new IssuerSetupException("the issuer has no URL (mailtrail.issuer.url is '"
                    + (properties.url() == null ? "" : properties.url()) + "')", "Set MAILTRAIL_ISSUER_URL to the "
                    + "address every replica is reached at, e.g. http://127.0.0.1:8081: it is the iss of every token.");
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = url == null ? null : new URI(url);
            return uri != null && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    @Bean
    ScopeAudiences issuerScopeAudiences(IssuerProperties properties) {
        return ScopeAudiences.parse(properties.scopeAudiences());
    }

    @Bean
    IssuerClients issuerClients(IssuerProperties properties, ScopeAudiences audiences) {
        return IssuerClients.read(properties.clientsFile(), audiences);
    }

    @Bean
    IssuerUsers issuerUsers(IssuerProperties properties) {
        return IssuerUsers.read(properties.usersFile());
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(IssuerClients clients) {
        return clients.repository();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IssuerProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.url()).build();
    }

    @Bean
    SigningKeyStore issuerKeyStore(MongoTemplate mongo, SecretCipher cipher) {
        return new SigningKeyStore(mongo, cipher);
    }

    @Bean
    SigningKeys issuerSigningKeys(SigningKeyStore store, IssuerClients clients, IssuerProperties properties,
            Clock clock) {
        Duration longestToken = clients.longestAccessTokenTtl().compareTo(ID_TOKEN_LIFETIME) > 0
                ? clients.longestAccessTokenTtl() : ID_TOKEN_LIFETIME;
        SigningKeys keys = new SigningKeys(store, clock, properties.keyCache(), longestToken.plus(RETENTION_MARGIN));
        keys.ensureKey();
        return keys;
    }

    /** What {@code /oauth2/jwks} publishes. */
    @Bean
    JWKSource<SecurityContext> issuerJwkSource(SigningKeys keys) {
        return keys.publishedSource();
    }

    /** Self-contained JWT access and ID tokens signed with the current key, timed by the service's clock. */
    @Bean
    OAuth2TokenGenerator<?> issuerTokenGenerator(SigningKeys keys, IssuerUsers users, ScopeAudiences audiences,
            IssuerProperties properties, Clock clock) {
        JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(keys.signingSource()));
        jwt.setJwtCustomizer(new IssuerTokenClaims(users, audiences, properties.peopleAudience()));
        jwt.setClock(clock);
        OAuth2RefreshTokenGenerator refresh = new OAuth2RefreshTokenGenerator();
        refresh.setClock(clock);
        return new DelegatingOAuth2TokenGenerator(jwt, refresh);
    }

    @Bean
    AuthorizationStore issuerAuthorizationStore(MongoTemplate mongo, SecretCipher cipher, Clock clock) {
        return new AuthorizationStore(mongo, cipher, clock);
    }

    /**
     * In memory, and enough: every client is registered with {@code requireAuthorizationConsent(false)}, so no
     * consent is ever asked for or stored. Should a client ask for consent one day, this must move to MongoDB
     * like the authorizations.
     */
    @Bean
    OAuth2AuthorizationConsentService issuerConsentService() {
        return new InMemoryOAuth2AuthorizationConsentService();
    }

    @Bean
    IssuerHousekeeping issuerHousekeeping(SigningKeys keys, AuthorizationStore authorizations, Timers timers,
            IssuerProperties properties) {
        return new IssuerHousekeeping(keys, authorizations, timers, properties.sweepInterval(),
                properties.keyRotation());
    }
}
