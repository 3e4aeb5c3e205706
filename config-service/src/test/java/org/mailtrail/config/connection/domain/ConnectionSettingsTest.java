package org.mailtrail.config.connection.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;

class ConnectionSettingsTest {

    private final ConnectionSettings settings = ConnectionSettings.builder().displayName("Contoso")
            .tenantId("7c1a8f0e-52c4-4d2a-9a61-3f5a1e2b9c10").clientId("5b7e2c1d-9f3a-4e6b-8c2d-1a0f9e8d7c6b")
            .authMode(AuthMode.APPLICATION).mailbox("crm-log@contoso.com").sourceFolder("inbox")
            .archiveFolder("archive").unmatchedPolicy(UnmatchedPolicy.DELETE).internalDomains(List.of("contoso.com"))
            .graphBaseUrl(ConnectionSettings.DEFAULT_GRAPH_BASE_URL)
            .authorityHost(ConnectionSettings.DEFAULT_AUTHORITY_HOST).pollInterval(Duration.ofMinutes(5)).build();

    @Test
    void namesTheFieldsThatDiffer() {
        ConnectionSettings changed = settings.toBuilder().displayName("Contoso EU").archiveFolder("AAMkArchiveId=")
                .unmatchedPolicy(UnmatchedPolicy.LEAVE).notificationUrl(URI.create("https://mailtrail.contoso.com/hook"))
                .matching(new MatchingOptions(true, List.of("gmail.com"), false, List.of(), List.of(), false)).build();

        assertThat(settings.differences(changed)).containsExactly("displayName", "archiveFolder", "unmatchedPolicy",
                "notificationUrl", "matching");
        assertThat(settings.differences(settings)).isEmpty();
    }

    @Test
    void namesHoldAndCopiesWhenAnyPartOfTheHoldOrTheCopiesChanges() {
        ConnectionSettings holding = settings.toBuilder().hold(HoldPolicy.DEFAULT).build();

        assertThat(settings.differences(holding)).containsExactly("hold");
        assertThat(holding.differences(holding.toBuilder().hold(new HoldPolicy(true, "Not logged", Duration.ofDays(31)))
                .build())).containsExactly("hold");
        assertThat(holding.differences(holding.toBuilder().hold(new HoldPolicy(true, "not logged", Duration.ofDays(30)))
                .build())).as("a folder renamed in case only is a change too").containsExactly("hold");
        assertThat(holding.differences(holding.toBuilder().copies(CopyPolicy.DELETE).build())).containsExactly("copies");
        assertThat(holding.differences(holding.toBuilder().hold(new HoldPolicy(true, "Not logged",
                Duration.ofHours(720))).build())).as("the same retention written otherwise").isEmpty();
    }

    @Test
    void listsTheFieldsANewConnectionSets() {
        assertThat(settings.presentFields()).startsWith("tenantId", "clientId", "authMode", "mailbox")
                .contains("displayName", "internalDomains", "pollInterval").doesNotContain("notificationUrl", "matching");
    }

    @Test
    void treatsAbsentMatchingOptionsAsNone() {
        assertThat(settings.matching()).isEqualTo(MatchingOptions.NONE);
    }

    @Test
    void treatsAbsentHoldAndCopiesAsTheBehaviourBeforeThem() {
        assertThat(settings.hold()).isEqualTo(HoldPolicy.OFF);
        assertThat(settings.hold().enabled()).isFalse();
        assertThat(settings.copies()).isEqualTo(CopyPolicy.LIKE_FIRST);
    }

    @Test
    void listsAHoldAndCopiesThatDifferFromThatBehaviourAmongTheFieldsANewConnectionSets() {
        ConnectionSettings holding = settings.toBuilder().hold(HoldPolicy.DEFAULT).copies(CopyPolicy.DELETE).build();

        assertThat(holding.presentFields()).contains("hold", "copies");
        assertThat(settings.presentFields()).doesNotContain("hold", "copies");
    }
}
