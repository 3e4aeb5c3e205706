package org.mailtrail.console.connection;

import org.mailtrail.console.services.Connection;
import org.mailtrail.console.services.ConnectionForm;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the e-mail logging setup proposes before the administrator changes anything: Microsoft's global cloud, and
 * where this installation takes Graph's change notifications. A national cloud, or the emulator of a development
 * run, is set here once instead of on every connection.
 *
 * @param graphBaseUrl Microsoft Graph, with its version
 * @param authorityHost Entra ID's sign-in host
 * @param notificationUrl mail-ingestor's webhook ({@code …/graph/notifications}) as Graph reaches it; empty: new
 *        connections poll
 * @param consentCallbackUrl config-service's consent callback ({@code …/oauth/callback}) as a browser reaches it,
 *        the redirect URL to register for delegated permissions; empty: the config-service URL the console calls,
 *        which is right wherever browsers reach config-service there too
 * @param pollInterval how often a new connection reads its mailbox besides notifications (ISO-8601)
 */
@ConfigurationProperties("mailtrail.console.setup")
public record SetupProperties(
        @DefaultValue("https://graph.microsoft.com/v1.0") String graphBaseUrl,
        @DefaultValue("https://login.microsoftonline.com") String authorityHost,
        @DefaultValue("") String notificationUrl,
        @DefaultValue("") String consentCallbackUrl,
        @DefaultValue("PT5M") String pollInterval) {

    public static final String CONSENT_CALLBACK_PATH = "/oauth/callback";

    /** The redirect URL to register in Entra ID: the configured one, or config-service's callback. */
    public String consentCallbackUrl(String configServiceUrl) {
        if (consentCallbackUrl != null && !consentCallbackUrl.isBlank()) {
            return consentCallbackUrl.trim();
        }
        String base = configServiceUrl.endsWith("/") ? configServiceUrl.substring(0, configServiceUrl.length() - 1)
                : configServiceUrl;
        return base + CONSENT_CALLBACK_PATH;
    }

    /**
     * The form of a new connection: application permissions, the inbox and an archive folder, unlogged mail moved
     * to Deleted Items, mail that cannot be logged yet held for 30 days, further copies treated like the first, no
     * matching extension, and this installation's cloud and webhook.
     */
    public ConnectionForm newConnection(String callbackUrl) {
        Connection.Hold hold = Connection.Hold.DEFAULT;
        return new ConnectionForm(null, null, null, null, null, null, Connection.APPLICATION, null, "inbox", "archive",
                "DELETE", "MOVE_TO_DELETED_ITEMS", null, graphBaseUrl, authorityHost, notificationUrl, pollInterval,
                callbackUrl, false, null, false, null, null, false, hold.enabled(), hold.folder(),
                String.valueOf(hold.retentionDays()), Connection.COPIES_LIKE_FIRST, null);
    }
}
