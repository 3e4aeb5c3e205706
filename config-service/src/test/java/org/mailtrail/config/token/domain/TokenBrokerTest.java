package org.mailtrail.config.token.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.config.graph.GraphHosts;
import org.mailtrail.config.secret.domain.MasterKeysets;
import org.mailtrail.config.secret.domain.SecretCipher;
import org.mailtrail.config.secret.domain.SecretValue;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.config.secret.domain.SecretsProperties;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.testsupport.ManualClock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class TokenBrokerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T09:00:00Z"));
    private final Secrets secrets = new Secrets(new SecretCipher(new SecretsProperties(MasterKeysets.generate(), null)), null);
    private final RecordingAuthority authority = new RecordingAuthority();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TokenBroker broker = new TokenBroker(secrets, new GraphHosts(List.of()), authority, null,
            Duration.ofMinutes(5), clock, meters);

    @Test
    void reusesATokenUntilShortlyBeforeItExpires() {
        Connection connection = connection("s3cret");
        authority.lifetime = Duration.ofHours(1);

        GraphToken first = broker.token(connection);
        clock.advance(Duration.ofMinutes(54));
        GraphToken stillCached = broker.token(connection);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        GraphToken renewed = broker.token(connection);

        assertThat(stillCached).isSameAs(first);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(authority.secretsSent).containsExactly("s3cret", "s3cret");
        assertThat(meters.get("mailtrail.tokens.requested").tag("source", "cache").counter().count()).isEqualTo(1);
        assertThat(meters.get("mailtrail.tokens.requested").tag("source", "authority").counter().count()).isEqualTo(2);
    }

    @Test
    void reusesAShortLivedTokenForHalfItsLife() {
        Connection connection = connection("s3cret");
        authority.lifetime = Duration.ofMinutes(4);

        GraphToken first = broker.token(connection);
        clock.advance(Duration.ofMinutes(1).plusSeconds(59));
        assertThat(broker.token(connection)).isSameAs(first);
        clock.advance(Duration.ofSeconds(2));
        assertThat(broker.token(connection)).isNotSameAs(first);
    }

    @Test
    void acquiresAfreshWhenTheSecretChanges() {
        broker.token(connection("first-secret"));

        broker.token(connection("second-secret"));

        assertThat(authority.secretsSent).containsExactly("first-secret", "second-secret");
    }

    @Test
    void countsAFailureByReasonAndKeepsNoToken() {
        Connection connection = connection("s3cret");
        authority.failure = new TokenAcquisitionException(TokenAcquisitionException.Reason.REJECTED, "AADSTS7000215: bad", "7000215");

        assertThatThrownBy(() -> broker.token(connection)).isSameAs(authority.failure);
        authority.failure = null;
        broker.token(connection);

        assertThat(meters.get("mailtrail.tokens.failed").tag("reason", "rejected").counter().count()).isEqualTo(1);
        assertThat(authority.secretsSent).hasSize(2);
    }

    @Test
    void refusesAnApplicationConnectionWithoutSecret() {
        Connection connection = new Connection("no-secret", 1, settings(), null, false, clock.instant(), "a",
                clock.instant(), "a");

        assertThatThrownBy(() -> broker.token(connection)).isInstanceOf(TokenAcquisitionException.class)
                .extracting(e -> ((TokenAcquisitionException) e).reason()).isEqualTo(TokenAcquisitionException.Reason.NO_SECRET);
        assertThat(authority.secretsSent).isEmpty();
    }

    @Test
    void neitherReadsNorSendsTheSecretOfAConnectionWhoseAuthorityIsNotAMicrosoftCloud() {
        Connection stored = connection("s3cret");
        Connection foreign = new Connection(stored.id(), 2, stored.settings().toBuilder()
                .authorityHost(URI.create("https://login.attacker.example")).build(), stored.clientSecret(), false,
                clock.instant(), "mallory", clock.instant(), "mallory");

        assertThatThrownBy(() -> broker.token(foreign)).isInstanceOf(TokenAcquisitionException.class)
                .hasMessageContaining("authorityHost").extracting(e -> ((TokenAcquisitionException) e).reason())
                .isEqualTo(TokenAcquisitionException.Reason.HOST_NOT_ALLOWED);
        assertThatThrownBy(() -> broker.renew(foreign)).isInstanceOf(TokenAcquisitionException.class);
        assertThat(authority.secretsSent).isEmpty();
    }

    @Test
    void asksForExchangeOnlinesImapScopeForAnImapConnectionAndKeepsItsTokensApartFromGraphs() {
        Connection graph = connection("s3cret");
        ConnectionSettings imapSettings = ConnectionSettings.builder().kind(ConnectionKind.IMAP)
                .imap(new ImapSettings("outlook.office365.com", 993, ImapSecurity.TLS, "crm-log@contoso.com",
                        ImapAuth.XOAUTH2))
                .displayName("Contoso").tenantId("7c1a8f0e-52c4-4d2a-9a61-3f5a1e2b9c10")
                .clientId("5b7e2c1d-9f3a-4e6b-8c2d-1a0f9e8d7c6b").mailbox("crm-log@contoso.com")
                .authorityHost(URI.create("https://login.microsoftonline.com")).build();
        Connection imap = new Connection("contoso-imap", 1, imapSettings,
                secrets.store("imap-app-secret", Connection.clientSecretContext("contoso-imap", imapSettings),
                        clock.instant()), false, clock.instant(), "alice", clock.instant(), "alice");

        GraphToken graphToken = broker.token(graph);
        GraphToken imapToken = broker.token(imap);

        assertThat(broker.token(imap)).isSameAs(imapToken);
        assertThat(broker.token(graph)).isSameAs(graphToken);
        assertThat(authority.scopesSent).containsExactly("https://graph.microsoft.com/.default",
                "https://outlook.office365.com/.default");
        assertThat(meters.get("mailtrail.tokens.requested").tag("auth_mode", "imap_xoauth2").tag("source", "authority")
                .counter().count()).isEqualTo(1);
    }

    private Connection connection(String secret) {
        return new Connection("contoso-sales", 1, settings(),
                secrets.store(secret, Connection.clientSecretContext("contoso-sales", settings()), clock.instant()), false,
                clock.instant(), "alice", clock.instant(), "alice");
    }

    private static ConnectionSettings settings() {
        return ConnectionSettings.builder().displayName("Contoso").tenantId("7c1a8f0e-52c4-4d2a-9a61-3f5a1e2b9c10")
                .clientId("5b7e2c1d-9f3a-4e6b-8c2d-1a0f9e8d7c6b").authMode(AuthMode.APPLICATION)
                .mailbox("crm-log@contoso.com").sourceFolder("inbox").archiveFolder("archive")
                .unmatchedPolicy(UnmatchedPolicy.DELETE).internalDomains(List.of("contoso.com"))
                .graphBaseUrl(ConnectionSettings.DEFAULT_GRAPH_BASE_URL)
                .authorityHost(URI.create("https://login.microsoftonline.com")).pollInterval(Duration.ofMinutes(5))
                .build();
    }

    /** Entra as the broker sees it: a token per call, valid for {@code lifetime}, and what secret it was sent. */
    private final class RecordingAuthority extends ClientCredentialTokens {
        Duration lifetime = Duration.ofHours(1);
        TokenAcquisitionException failure;
        final List<String> secretsSent = new ArrayList<>();
        final List<String> scopesSent = new ArrayList<>();

        RecordingAuthority() {
            super(null);
        }

        @Override
        public GraphToken acquire(Connection connection, SecretValue clientSecret, String scope) {
            scopesSent.add(scope);
            secretsSent.add(clientSecret.reveal());
            if (failure != null) {
                throw failure;
            }
            return new GraphToken("token-" + secretsSent.size(), clock.instant().plus(lifetime));
        }
    }
}
