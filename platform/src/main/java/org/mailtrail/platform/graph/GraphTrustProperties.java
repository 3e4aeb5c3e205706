package org.mailtrail.platform.graph;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Extra certificates to trust on connections to Graph and Entra, besides the JVM's CAs: for a Graph
 * whose certificate no public CA signed, such as graph-emulator's.
 *
 * @param trustStore a key store of certificates to trust as well; none means the JVM's CAs alone
 * @param trustStorePassword its password, if it has one
 * @param trustStoreType its format
 */
@ConfigurationProperties("mailtrail.graph")
public record GraphTrustProperties(Path trustStore, String trustStorePassword,
        @DefaultValue("PKCS12") String trustStoreType) {

    public boolean hasTrustStore() {
        return trustStore != null && !trustStore.toString().isBlank();
    }
}
