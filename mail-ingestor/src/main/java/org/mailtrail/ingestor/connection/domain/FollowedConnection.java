package org.mailtrail.ingestor.connection.domain;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.config.DeleteMode;

/**
 * A connection config-service publishes, as the ingestor follows it: what it needs of the connection's settings.
 *
 * @param sourceFolder the folder read (an id, a well-known name such as {@code inbox}, or a display-name path)
 * @param archiveFolder where logged mail is moved, in the same forms
 * @param authorityHost the connection's Entra ID, whose keys sign the validation tokens of its rich notifications
 * @param notificationUrl where Graph posts change notifications; absent means polling only
 * @param pollInterval the safety-net round's interval; absent means the ingestor's default for the mode
 * @param deleteMode how a DELETE command is carried out; absent means moved to Deleted Items
 */
public record FollowedConnection(String id, long revision, String tenantId, String clientId, AuthMode authMode,
        String mailbox, String sourceFolder, String archiveFolder, URI graphBaseUrl, URI authorityHost,
        URI notificationUrl, Duration pollInterval, boolean enabled, DeleteMode deleteMode) {

    public static final URI GRAPH = URI.create("https://graph.microsoft.com/v1.0");
    public static final URI ENTRA = URI.create("https://login.microsoftonline.com");
    public static final String DEFAULT_SOURCE_FOLDER = "inbox";
    public static final String DEFAULT_ARCHIVE_FOLDER = "archive";

    public FollowedConnection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(authMode, "authMode");
        Objects.requireNonNull(mailbox, "mailbox");
        sourceFolder = blank(sourceFolder) ? DEFAULT_SOURCE_FOLDER : sourceFolder.trim();
        archiveFolder = blank(archiveFolder) ? DEFAULT_ARCHIVE_FOLDER : archiveFolder.trim();
        graphBaseUrl = graphBaseUrl == null ? GRAPH : graphBaseUrl;
        authorityHost = authorityHost == null ? ENTRA : authorityHost;
        deleteMode = deleteMode == null ? DeleteMode.MOVE_TO_DELETED_ITEMS : deleteMode;
        if (pollInterval != null && (pollInterval.isZero() || pollInterval.isNegative())) {
            pollInterval = null;
        }
    }

    public static FollowedConnection of(ConnectionConfigured configured) {
        return new FollowedConnection(configured.connectionId(), configured.revision(), configured.tenantId(),
                configured.clientId(), configured.authMode(), configured.mailbox(), configured.sourceFolder(),
                configured.archiveFolder(), configured.graphBaseUrl(), configured.authorityHost(),
                configured.notificationUrl(), configured.pollInterval(), configured.enabled(), configured.deleteMode());
    }

    /**
     * Whether Graph pushes notifications for this connection. Graph refuses subscriptions on a shared mailbox
     * to delegated {@code *.Shared} permissions, so only application permissions with a public URL push.
     */
    public boolean push() {
        return authMode == AuthMode.APPLICATION && notificationUrl != null;
    }

    /** Where lifecycle notifications go: {@code lifecycle} beside the notification URL's last segment. */
    public URI lifecycleUrl() {
        return notificationUrl == null ? null : notificationUrl.resolve("lifecycle");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
