package org.mailtrail.config.issuer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailtrail.config.issuer.IssuerFileWriter.publicApplication;
import static org.mailtrail.config.issuer.IssuerFileWriter.service;
import static org.mailtrail.config.issuer.IssuerFileWriter.user;
import static org.mailtrail.config.issuer.IssuerFileWriter.with;
import static org.mailtrail.config.issuer.IssuerFileWriter.write;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtrail.config.issuer.IssuerProperties;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class IssuerClientsTest {

    private static final ScopeAudiences AUDIENCES = ScopeAudiences.parse(IssuerProperties.DEFAULT_SCOPE_AUDIENCES);
    private static final Map<String, Object> INGESTOR = service("mail-ingestor", "s3cret", List.of("connections.token"),
            "PT10M");
    private static final Map<String, Object> CLI = publicApplication("mailtrail-cli", "http://127.0.0.1:8400/callback",
            "PT15M");

    @Test
    void registersServicesWithTheirSecretAndPublicApplicationsWithPkce() {
        IssuerClients clients = IssuerClients.read(write("clients", List.of(INGESTOR, CLI)), AUDIENCES);

        RegisteredClient ingestor = clients.repository().findByClientId("mail-ingestor");
        assertThat(ingestor.getClientSecret()).startsWith("{bcrypt}");
        assertThat(ingestor.getClientAuthenticationMethods()).contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(ingestor.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(10));
        RegisteredClient cli = clients.repository().findByClientId("mailtrail-cli");
        assertThat(cli.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
        assertThat(cli.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(cli.getClientSettings().isRequireAuthorizationConsent()).isFalse();
        assertThat(clients.longestAccessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
    }

    static Stream<Arguments> refusedClients() {
        return Stream.of(
                Arguments.of(List.of(with(CLI, "requireProofKey", false)),
                        "client 'mailtrail-cli' is a public client (no secretHash) and must use PKCE"),
                Arguments.of(List.of(with(INGESTOR, "accessTokenTtl", "PT2H")),
                        "client 'mail-ingestor' has accessTokenTtl PT2H; it must be more than zero and at most PT1H"),
                Arguments.of(List.of(with(INGESTOR, "grantTypes", List.of("password"))),
                        "client 'mail-ingestor' has grant type 'password'"),
                Arguments.of(List.of(with(INGESTOR, "clientId", " ")), "client #1 has no clientId"),
                Arguments.of(List.of(INGESTOR, CLI, INGESTOR), "client 'mail-ingestor' is registered twice"),
                Arguments.of(List.of(with(INGESTOR, "scopes", List.of("mailboxes.wipe"))),
                        "client 'mail-ingestor' has scope 'mailboxes.wipe' with no audience"),
                Arguments.of(List.of(with(INGESTOR, "secretHash", null)),
                        "client 'mail-ingestor' uses client_credentials but has no secretHash"),
                Arguments.of(List.of(with(INGESTOR, "secretHash", "plain-text")),
                        "client 'mail-ingestor' has a secretHash that is not a password encoder value"),
                Arguments.of(List.of(with(CLI, "redirectUris", List.of())),
                        "client 'mailtrail-cli' uses authorization_code but has no redirectUris"),
                Arguments.of(List.of(with(INGESTOR, "tokenFormat", "opaque")), "tokenFormat"),
                Arguments.of(List.of(), "it registers no client"));
    }

    @ParameterizedTest
    @MethodSource
    void refusedClients(List<Map<String, Object>> entries, String reason) {
        Path file = write("clients", entries);

        assertThatThrownBy(() -> IssuerClients.read(file, AUDIENCES)).isInstanceOf(IssuerSetupException.class)
                .hasMessageContaining("the issuer's clients file " + file + " is refused")
                .hasMessageContaining(reason);
    }

    @Test
    void refusesUsersWithARoleMailtrailDoesNotHaveAndNeverQuotesTheirPasswordHashes() {
        Map<String, Object> alice = user("alice", "pw", List.of("salesperson", "root"), "alice@contoso.com", "Alice");
        Path file = write("users", List.of(alice, user("alice", "pw", List.of(), null, null)));

        assertThatThrownBy(() -> IssuerUsers.read(file)).isInstanceOf(IssuerSetupException.class)
                .hasMessageContaining("user 'alice' has role 'root'")
                .hasMessageContaining("user 'alice' is listed twice")
                .hasMessageNotContaining("$2a$");
    }

    @Test
    void readsTheScopeAudiencesWithDotsInScopeNames() {
        assertThat(AUDIENCES.audiencesOf(List.of("connections.token", "messages.link", "openid")))
                .containsExactly("mailtrail-config-service", "mailtrail-mail-ingestor");
        assertThatThrownBy(() -> ScopeAudiences.parse("connections.token")).isInstanceOf(IssuerSetupException.class)
                .hasMessageContaining("'connections.token' is not scope=audience");
    }
}
