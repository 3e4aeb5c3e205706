package org.mailtrail.platform.graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The one TLS trust of every connection a service opens to Graph and Entra, whatever HTTP client
 * makes it (the Graph SDK's OkHttp, azure-core's Netty, the JDK's): the JVM's CAs plus the
 * configured trust store. Adding rather than replacing keeps the real Graph reachable while the
 * emulator is trusted too.
 */
public class GraphTrust {

    private final X509TrustManager trustManager;
    private final SSLContext sslContext;

    public GraphTrust(GraphTrustProperties properties) {
        try {
            this.trustManager = trustManager(properties);
            this.sslContext = SSLContext.getInstance("TLS");
            sslContext.init(null, new TrustManager[] { trustManager }, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust with the Graph trust store "
                    + properties.trustStore() + ": " + e.getMessage(), e);
        }
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    public SSLSocketFactory socketFactory() {
        return sslContext.getSocketFactory();
    }

    private static X509TrustManager trustManager(GraphTrustProperties properties)
            throws GeneralSecurityException, IOException {
        X509TrustManager jvm = fromStore(null);
        if (!properties.hasTrustStore()) {
            return jvm;
        }
        KeyStore combined = KeyStore.getInstance(KeyStore.getDefaultType());
        combined.load(null, null);
        int n = 0;
        for (X509Certificate ca : jvm.getAcceptedIssuers()) {
            combined.setCertificateEntry("jvm-" + n++, ca);
        }
        KeyStore extra = KeyStore.getInstance(properties.trustStoreType());
        char[] password = properties.trustStorePassword() == null ? null : properties.trustStorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(properties.trustStore())) {
            extra.load(in, password);
        }
        for (String alias : Collections.list(extra.aliases())) {
            Certificate certificate = extra.getCertificate(alias);
            if (certificate != null) {
                combined.setCertificateEntry("extra-" + alias, certificate);
            }
        }
        return fromStore(combined);
    }

    private static X509TrustManager fromStore(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }
}
