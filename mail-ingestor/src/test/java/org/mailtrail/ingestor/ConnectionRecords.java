package org.mailtrail.ingestor;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.mailtrail.events.ContractJson;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.Topics;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.DeleteMode;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.testsupport.KafkaTopicProbe;

/** Connection records as config-service publishes them, and the publishing itself. */
final class ConnectionRecords {

    private ConnectionRecords() {
    }

    static Builder aConnection(String connectionId, String mailbox) {
        return new Builder(connectionId, mailbox);
    }

    /** Publishes the record on config.connections.v1, keyed and with CloudEvents headers. */
    static void publish(ConnectionConfigured connection) {
        KafkaTopicProbe.shared().send(Topics.CONNECTIONS, connection.connectionId(),
                ContractJson.mapper().writeValueAsBytes(connection), Map.of(
                        "ce_id", connection.eventId().toString(),
                        "ce_type", ConnectionConfigured.TYPE,
                        "ce_source", "/mailtrail/config-service",
                        "ce_specversion", "1.0",
                        "ce_time", connection.occurredAt().toString(),
                        "content-type", "application/json"));
    }

    /** Publishes the tombstone that deletes a connection. */
    static void publishTombstone(String connectionId) {
        KafkaTopicProbe.shared().send(Topics.CONNECTIONS, connectionId, null, Map.of());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static final class Builder {
        private final String connectionId;
        private final String mailbox;
        private long revision = 1;
        private AuthMode authMode = AuthMode.APPLICATION;
        private URI graphBaseUrl;
        private URI authorityHost = URI.create("https://login.microsoftonline.com");
        private URI notificationUrl;
        private Duration pollInterval;
        private String archiveFolder = "archive";
        private boolean enabled = true;
        private DeleteMode deleteMode;

        private Builder(String connectionId, String mailbox) {
            this.connectionId = connectionId;
            this.mailbox = mailbox;
        }

        Builder revision(long value) {
            revision = value;
            return this;
        }

        Builder delegated() {
            authMode = AuthMode.DELEGATED;
            return this;
        }

        Builder graph(String baseUrl) {
            graphBaseUrl = URI.create(baseUrl);
            return this;
        }

        /** The connection's Entra, whose keys sign the validation tokens of rich notifications. */
        Builder authority(String host) {
            authorityHost = URI.create(host);
            return this;
        }

        Builder pushTo(String url) {
            notificationUrl = url == null ? null : URI.create(url);
            return this;
        }

        Builder pollEvery(Duration interval) {
            pollInterval = interval;
            return this;
        }

        Builder archiveFolder(String folder) {
            archiveFolder = folder;
            return this;
        }

        Builder deleteMode(DeleteMode mode) {
            deleteMode = mode;
            return this;
        }

        Builder disabled() {
            enabled = false;
            return this;
        }

        ConnectionConfigured build() {
            return new ConnectionConfigured(
                    EventIds.of(ConnectionConfigured.TYPE, connectionId, Long.toString(revision)),
                    Instant.now(), 1, connectionId, revision, "Sales mailbox " + connectionId,
                    GraphFixtures.TENANT, GraphFixtures.CLIENT_ID, authMode, mailbox, "inbox", archiveFolder,
                    UnmatchedPolicy.DELETE, deleteMode, List.of(GraphFixtures.DOMAIN), graphBaseUrl,
                    authorityHost, notificationUrl, pollInterval, enabled,
                    MatchingOptions.NONE, HoldPolicy.DEFAULT, CopyPolicy.LIKE_FIRST, null, null);
        }
    }

    static String newId(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
