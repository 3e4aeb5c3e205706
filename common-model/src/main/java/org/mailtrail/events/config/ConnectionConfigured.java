package org.mailtrail.events.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * The current settings of one mailbox connection. The topic is compacted: the latest record per
 * connection is its state, and a tombstone (null value) means the connection was deleted. It
 * never carries a secret; services ask config-service for a Graph access token, or an IMAP connection's
 * credential, instead.
 *
 * @param revision increases with every change, so a consumer can ignore a stale record
 * @param notificationUrl the public URL Graph posts change notifications to; absent means polling only
 * @param matching the matching extensions switched on for this connection; absent means none
 * @param deleteMode how unlogged mail is deleted; absent (a record of an earlier version) means moved to Deleted Items
 * @param hold whether unlogged mail that may still become loggable is held, where and how long; absent (a record
 *        of an earlier version) means not held
 * @param copies what becomes of a further copy of a mail already received; absent means {@link CopyPolicy#LIKE_FIRST}
 * @param kind where the mailbox is read from; absent (a record of an earlier version) means {@link ConnectionKind#GRAPH}
 * @param imap the server and account of an {@link ConnectionKind#IMAP} connection; absent for Graph. Of the Graph
 *        settings an IMAP connection uses {@code tenantId}, {@code clientId} and {@code authorityHost} only, for
 *        {@link ImapAuth#XOAUTH2}; {@code tenantId} and {@code authMode} are absent otherwise
 */
public record ConnectionConfigured(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String connectionId,
        long revision,
        String displayName,
        String tenantId,
        String clientId,
        AuthMode authMode,
        String mailbox,
        String sourceFolder,
        String archiveFolder,
        UnmatchedPolicy unmatchedPolicy,
        DeleteMode deleteMode,
        List<String> internalDomains,
        URI graphBaseUrl,
        URI authorityHost,
        URI notificationUrl,
        Duration pollInterval,
        boolean enabled,
        MatchingOptions matching,
        HoldPolicy hold,
        CopyPolicy copies,
        ConnectionKind kind,
        ImapSettings imap) implements Contract {

    public static final String TYPE = "org.mailtrail.config.ConnectionConfigured.v1";

    public ConnectionConfigured {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(mailbox, "mailbox");
        kind = kind == null ? ConnectionKind.GRAPH : kind;
        if (kind == ConnectionKind.GRAPH) {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(authMode, "authMode");
            imap = null;
        } else {
            Objects.requireNonNull(imap, "imap");
            if (imap.auth() == ImapAuth.XOAUTH2) {
                Objects.requireNonNull(tenantId, "tenantId");
                Objects.requireNonNull(clientId, "clientId");
            }
        }
        internalDomains = internalDomains == null ? List.of() : List.copyOf(internalDomains);
        matching = matching == null ? MatchingOptions.NONE : matching;
        deleteMode = deleteMode == null ? DeleteMode.MOVE_TO_DELETED_ITEMS : deleteMode;
        hold = hold == null ? HoldPolicy.OFF : hold;
        copies = copies == null ? CopyPolicy.LIKE_FIRST : copies;
    }

    public boolean imapKind() {
        return kind == ConnectionKind.IMAP;
    }

    @Override
    public String aggregateId() {
        return connectionId;
    }
}
