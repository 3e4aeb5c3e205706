package org.mailtrail.config.graph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reaching Graph and Entra.
 *
 * @param trustStore extra certificates to trust besides the JVM's CAs (PKCS12), e.g. the graph-emulator's
 * @param tokenRefreshMargin how long before expiry a cached access token is replaced
 * @param requestTimeout the longest one Graph or Entra call (with its retries) may take
 * @param delegatedPermissions Graph permissions a DELEGATED connection asks the user to consent to
 * @param consentLifetime how long a consent started with {@code GET …/consent} may take to come back
 */
@ConfigurationProperties("mailtrail.graph")
public record GraphProperties(Path trustStore, String trustStorePassword,
        @DefaultValue("PKCS12") String trustStoreType, @DefaultValue("PT5M") Duration tokenRefreshMargin,
        @DefaultValue("PT30S") Duration requestTimeout,
        @DefaultValue("Mail.ReadWrite.Shared") List<String> delegatedPermissions,
        @DefaultValue("PT10M") Duration consentLifetime) {

    public boolean hasTrustStore() {
        return trustStore != null && !trustStore.toString().isBlank();
    }
}
