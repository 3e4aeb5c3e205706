package org.mailtrail.ingestor.connection.domain;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.DeleteMode;
import org.mailtrail.events.config.ImapSettings;

/**
 * A connection config-service publishes, as the ingestor follows it: what it needs of the connection's settings.
 *
 * @param sourceFolder the folder read (an id, a well-known name such as {@code inbox}, or a display-name path)
 * @param archiveFolder where logged mail is moved, in the same forms
 * @param authorityHost the connection's Entra ID, whose keys sign the validation tokens of its rich notifications
 * @param notificationUrl where Graph posts change notifications; absent means polling only
 * @param pollInterval the safety-net round's interval; absent means the ingestor's default for the mode
 * @param deleteMode how a DELETE command is carried out; absent means moved to Deleted Items
 * @param kind where the mailbox is read from; absent means Graph
 * @param imap the server and account of an IMAP connection; absent for Graph
 */
public record FollowedConnection(String id, long revision, String tenantId, String clientId, AuthMode authMode,
        String mailbox, String sourceFolder, String archiveFolder, URI graphBaseUrl, URI authorityHost,
        URI notificationUrl, Duration pollInterval, boolean enabled, DeleteMode deleteMode, ConnectionKind kind,
        ImapSettings imap) {

    public static final URI GRAPH = URI.create("https://graph.microsoft.com/v1.0");
    public static final URI ENTRA = URI.create("https://login.microsoftonline.com");
    public static final String DEFAULT_SOURCE_FOLDER = "inbox";
    public static final String DEFAULT_ARCHIVE_FOLDER = "archive";

    public FollowedConnection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mailbox, "mailbox");
        kind = kind == null ? ConnectionKind.GRAPH : kind;
        if (kind == ConnectionKind.GRAPH) {
            Objects.requireNonNull(authMode, "authMode");
            imap = null;
        } else {
            Objects.requireNonNull(imap, "imap");
        }
        sourceFolder = blank(sourceFolder) ? DEFAULT_SOURCE_FOLDER : sourceFolder.trim();
        archiveFolder = blank(archiveFolder) ? DEFAULT_ARCHIVE_FOLDER : archiveFolder.trim();
        graphBaseUrl = graphBaseUrl == null ? GRAPH : graphBaseUrl;
        authorityHost = authorityHost == null ? ENTRA : authorityHost;
        deleteMode = deleteMode == null ? DeleteMode.MOVE_TO_DELETED_ITEMS : deleteMode;
        if (pollInterval != null && (pollInterval.isZero() || pollInterval.isNegative())) {
            pollInterval = null;
        }
    }

    /** A Graph connection. */
    public FollowedConnection(String id, long revision, String tenantId, String clientId, AuthMode authMode,
            String mailbox, String sourceFolder, String archiveFolder, URI graphBaseUrl, URI authorityHost,
            URI notificationUrl, Duration pollInterval, boolean enabled, DeleteMode deleteMode) {
        this(id, revision, tenantId, clientId, authMode, mailbox, sourceFolder, archiveFolder, graphBaseUrl,
                authorityHost, notificationUrl, pollInterval, enabled, deleteMode, ConnectionKind.GRAPH, null);
    }

    public static FollowedConnection of(ConnectionConfigured configured) {
        return new FollowedConnection(configured.connectionId(), configured.revision(), configured.tenantId(),
                configured.clientId(), configured.authMode(), configured.mailbox(), configured.sourceFolder(),
                configured.archiveFolder(), configured.graphBaseUrl(), configured.authorityHost(),
                configured.notificationUrl(), configured.pollInterval(), configured.enabled(), configured.deleteMode(),
                configured.kind(), configured.imap());
    }

    /** Whether the mailbox is read through Microsoft Graph; the Graph features leave every other connection be. */
    public boolean graph() {
        return kind == ConnectionKind.GRAPH;
    }

    /** Whether the mailbox is read over IMAP. */
    public boolean imapKind() {
        return kind == ConnectionKind.IMAP;
    }

    /**
     * Whether Graph pushes notifications for this connection. Graph refuses subscriptions on a shared mailbox
     * to delegated {@code *.Shared} permissions, so only application permissions with a public URL push.
     */
    public boolean push() {
        return graph() && authMode == AuthMode.APPLICATION && notificationUrl != null;
    }

    /** Where lifecycle notifications go: {@code lifecycle} beside the notification URL's last segment. */
    public URI lifecycleUrl() {
        return notificationUrl == null ? null : notificationUrl.resolve("lifecycle");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
