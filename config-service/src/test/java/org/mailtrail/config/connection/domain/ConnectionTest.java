package org.mailtrail.config.connection.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrail.config.secret.domain.EncryptedSecret;
import org.mailtrail.config.secret.domain.StoredSecret;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.HoldPolicy;

class ConnectionTest {

    private final ConnectionSettings settings = ConnectionSettings.builder().displayName("Contoso")
            .tenantId("7c1a8f0e-52c4-4d2a-9a61-3f5a1e2b9c10").clientId("5b7e2c1d-9f3a-4e6b-8c2d-1a0f9e8d7c6b")
            .authMode(AuthMode.APPLICATION).mailbox("crm-log@contoso.com").sourceFolder("inbox")
            .archiveFolder("archive").internalDomains(List.of("contoso.com")).build();

    @Test
    void publishesItsHoldAndCopiesInConnectionConfigured() {
        HoldPolicy hold = new HoldPolicy(true, "Waiting for the CRM", Duration.ofDays(7));
        Connection connection = Connection.created("contoso-sales",
                settings.toBuilder().hold(hold).copies(CopyPolicy.DELETE).build(), null, false, "alice",
                Instant.parse("2026-12-04T10:00:00Z"));

        ConnectionConfigured event = connection.toEvent();

        assertThat(event.hold()).isEqualTo(hold);
        assertThat(event.copies()).isEqualTo(CopyPolicy.DELETE);
    }

    @Test
    void publishesAConnectionWithoutHoldAsNotHolding() {
        Connection connection = Connection.created("contoso-sales", settings, null, false, "alice",
                Instant.parse("2026-12-04T10:00:00Z"));

        ConnectionConfigured event = connection.toEvent();

        assertThat(event.hold()).isEqualTo(HoldPolicy.OFF);
        assertThat(event.copies()).isEqualTo(CopyPolicy.LIKE_FIRST);
    }

    @Test
    void publishesAnImapConnectionsKindAndServerWithoutGraphsSettings() {
        ImapSettings server = new ImapSettings("mail.contoso.com", 993, ImapSecurity.TLS, "CONTOSO\\crm-log",
                ImapAuth.PASSWORD);
        ConnectionSettings imap = ConnectionSettings.builder().kind(ConnectionKind.IMAP).imap(server)
                .displayName("Contoso").mailbox("crm-log@contoso.com").sourceFolder("inbox").archiveFolder("archive")
                .build();
        Connection connection = Connection.created("contoso-imap", imap, null, false, "alice",
                Instant.parse("2026-12-04T10:00:00Z"))
                .withPassword(new StoredSecret(new EncryptedSecret(new byte[] {1, 2, 3}, 7), null, Instant.EPOCH));

        ConnectionConfigured event = connection.toEvent();

        assertThat(event.kind()).isEqualTo(ConnectionKind.IMAP);
        assertThat(event.imap()).isEqualTo(server);
        assertThat(event.tenantId()).isNull();
        assertThat(event.authMode()).isNull();
        assertThat(event.graphBaseUrl()).isNull();
    }

    @Test
    void bindsAPasswordToTheConnectionTheHostAndTheUser() {
        ConnectionSettings imap = ConnectionSettings.builder().kind(ConnectionKind.IMAP)
                .imap(new ImapSettings("mail.contoso.com", 0, null, "crm-log", null)).displayName("Contoso")
                .mailbox("crm-log@contoso.com").build();

        assertThat(Connection.passwordContext("contoso-imap", imap))
                .isEqualTo("connection/contoso-imap/imap-password?host=mail.contoso.com&user=crm-log");
    }

    @Test
    void publishesAGraphConnectionAsKindGraph() {
        ConnectionConfigured event = Connection.created("contoso-sales", settings, null, false, "alice",
                Instant.parse("2026-12-04T10:00:00Z")).toEvent();

        assertThat(event.kind()).isEqualTo(ConnectionKind.GRAPH);
        assertThat(event.imap()).isNull();
    }
}
