package org.mailtrail.ingestor.connection.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;

class FollowedConnectionTest {

    private static FollowedConnection connection(AuthMode mode, String notificationUrl, Duration poll) {
        return new FollowedConnection("contoso-sales", 3, "tenant", "client", mode, "crm-log@contoso.com", null, " ",
                null, null, notificationUrl == null ? null : URI.create(notificationUrl), poll, true, null);
    }

    @Test
    void pushesOnlyWithApplicationPermissionsAndANotificationUrl() {
        assertThat(connection(AuthMode.APPLICATION, "https://mailtrail.contoso.com/graph/notifications", null).push())
                .isTrue();
        assertThat(connection(AuthMode.APPLICATION, null, null).push()).isFalse();
        assertThat(connection(AuthMode.DELEGATED, "https://mailtrail.contoso.com/graph/notifications", null).push())
                .isFalse();
    }

    @Test
    void putsTheLifecycleUrlBesideTheNotificationUrl() {
        assertThat(connection(AuthMode.APPLICATION, "https://mailtrail.contoso.com/graph/notifications", null)
                .lifecycleUrl()).isEqualTo(URI.create("https://mailtrail.contoso.com/graph/lifecycle"));
    }

    @Test
    void readsTheInboxAndArchivesToArchiveOnGlobalGraphUnlessToldOtherwise() {
        FollowedConnection connection = connection(AuthMode.APPLICATION, null, Duration.ZERO);

        assertThat(connection.sourceFolder()).isEqualTo("inbox");
        assertThat(connection.archiveFolder()).isEqualTo("archive");
        assertThat(connection.graphBaseUrl()).isEqualTo(URI.create("https://graph.microsoft.com/v1.0"));
        assertThat(connection.authorityHost()).isEqualTo(URI.create("https://login.microsoftonline.com"));
        assertThat(connection.pollInterval()).as("a zero interval means the default").isNull();
    }

    @Test
    void anImapConnectionNeitherPushesThroughGraphNorCountsAsGraph() {
        FollowedConnection imap = new FollowedConnection("contoso-exchange", 1, null, null, null, "crm-log@contoso.com",
                "Queue", "Archive", null, null, URI.create("https://mailtrail.contoso.com/graph/notifications"), null,
                true, null, ConnectionKind.IMAP,
                new ImapSettings("mail.contoso.com", 0, ImapSecurity.TLS, "CONTOSO\\crm-log", ImapAuth.PASSWORD));

        assertThat(imap.imapKind()).isTrue();
        assertThat(imap.graph()).isFalse();
        assertThat(imap.push()).isFalse();
        assertThat(imap.imap().port()).isEqualTo(993);
    }

    @Test
    void aGraphConnectionIsGraphWhenItsRecordNamesNoKind() {
        FollowedConnection graph = connection(AuthMode.APPLICATION, null, null);

        assertThat(graph.graph()).isTrue();
        assertThat(graph.kind()).isEqualTo(ConnectionKind.GRAPH);
        assertThat(graph.imap()).isNull();
    }
}
