package org.mailtrail.platform.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A TLS trust of the JVM's CAs plus the certificates of a configured trust store. Adding rather than replacing keeps
 * every server a public CA vouches for reachable while a server with a private certificate (graph-emulator's, a
 * company's own mail server's) is trusted too. Certificates are always checked: there is no "trust all".
 */
public class ExtraTrust {

    private final X509TrustManager trustManager;
    private final SSLContext sslContext;

    /**
     * @param trustStore a key store of certificates to trust as well; {@code null} means the JVM's CAs alone
     * @param what names the trust in the error a store that cannot be read causes
     */
    public ExtraTrust(Path trustStore, String trustStorePassword, String trustStoreType, String what) {
        try {
            this.trustManager = trustManager(trustStore, trustStorePassword, trustStoreType);
            this.sslContext = SSLContext.getInstance("TLS");
            sslContext.init(null, new TrustManager[] { trustManager }, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust with the " + what + " trust store " + trustStore
                    + ": " + e.getMessage(), e);
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

    private static X509TrustManager trustManager(Path trustStore, String trustStorePassword, String trustStoreType)
            throws GeneralSecurityException, IOException {
        X509TrustManager jvm = fromStore(null);
        if (trustStore == null || trustStore.toString().isBlank()) {
            return jvm;
        }
        KeyStore combined = KeyStore.getInstance(KeyStore.getDefaultType());
        combined.load(null, null);
        int n = 0;
        for (X509Certificate ca : jvm.getAcceptedIssuers()) {
            combined.setCertificateEntry("jvm-" + n++, ca);
        }
        KeyStore extra = KeyStore.getInstance(trustStoreType == null ? "PKCS12" : trustStoreType);
        char[] password = trustStorePassword == null ? null : trustStorePassword.toCharArray();
        try (InputStream in = Files.newInputStream(trustStore)) {
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
