package org.mailtrail.platform.imap;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service reaches IMAP servers: the certificates it trusts besides the JVM's CAs (for a mail server whose
 * certificate a company's own CA signed), and how long it waits.
 *
 * @param trustStore a key store of certificates to trust as well; none means the JVM's CAs alone
 * @param connectTimeout how long a TCP connection (and the TLS handshake) may take
 * @param readTimeout how long the server may take to answer a command
 */
@ConfigurationProperties("mailtrail.imap")
public record ImapProperties(Path trustStore, String trustStorePassword, @DefaultValue("PKCS12") String trustStoreType,
        @DefaultValue("10s") Duration connectTimeout, @DefaultValue("60s") Duration readTimeout) {

    public boolean hasTrustStore() {
        return trustStore != null && !trustStore.toString().isBlank();
    }
}
