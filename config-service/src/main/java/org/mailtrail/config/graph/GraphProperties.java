package org.mailtrail.config.graph;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reaching Graph and Entra. The certificates to trust besides the JVM's CAs are the platform's
 * {@code mailtrail.graph.trust-store*} settings.
 *
 * @param tokenRefreshMargin how long before expiry a cached access token is replaced
 * @param requestTimeout the longest one Graph or Entra call (with its retries) may take
 * @param delegatedPermissions Graph permissions a DELEGATED connection asks the user to consent to
 * @param consentLifetime how long a consent started with {@code GET …/consent} may take to come back
 * @param allowedHosts hosts a connection's {@code authorityHost} and {@code graphBaseUrl} may name besides
 *        Microsoft's own (see {@link GraphHosts}), as {@code host} or {@code host:port}
 */
@ConfigurationProperties("mailtrail.graph")
public record GraphProperties(@DefaultValue("5m") Duration tokenRefreshMargin,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("Mail.ReadWrite.Shared") List<String> delegatedPermissions,
        @DefaultValue("10m") Duration consentLifetime,
        List<String> allowedHosts) {

    public GraphProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }
}
