package org.mailtrail.config.connection.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionConfigured;
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
}
