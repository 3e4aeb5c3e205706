package org.mailtrail.platform.graph;

import org.mailtrail.platform.tls.ExtraTrust;

/**
 * The one TLS trust of every connection a service opens to Graph and Entra, whatever HTTP client
 * makes it (the Graph SDK's OkHttp, azure-core's Netty, the JDK's): the JVM's CAs plus the
 * configured trust store. Adding rather than replacing keeps the real Graph reachable while the
 * emulator is trusted too.
 */
public class GraphTrust extends ExtraTrust {

    public GraphTrust(GraphTrustProperties properties) {
        super(properties.hasTrustStore() ? properties.trustStore() : null, properties.trustStorePassword(),
                properties.trustStoreType(), "Graph");
    }
}
