package org.mailtrail.config.graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;

import io.netty.handler.ssl.SslContextBuilder;
import okhttp3.OkHttpClient;

/**
 * The HTTP clients that talk to Graph and Entra, all with one trust: the JVM's CAs plus the configured trust
 * store. azure-identity and Key Vault run on azure-core's Netty client, the Graph SDK on OkHttp, the delegated
 * grant on the JDK's client; each gets the same trust manager.
 */
public class GraphHttp {

    private final GraphProperties properties;
    private final X509TrustManager trustManager;
    private final SSLContext sslContext;
    private final java.net.http.HttpClient jdk;
    private final HttpClient azure;

    public GraphHttp(GraphProperties properties) {
        this.properties = properties;
        try {
            this.trustManager = trustManager(properties);
            this.sslContext = SSLContext.getInstance("TLS");
            sslContext.init(null, new TrustManager[] { trustManager }, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust with " + properties.trustStore(), e);
        }
        this.jdk = java.net.http.HttpClient.newBuilder().sslContext(sslContext)
                .connectTimeout(properties.requestTimeout())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        try {
            io.netty.handler.ssl.SslContext netty = SslContextBuilder.forClient().trustManager(trustManager).build();
            this.azure = new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(netty)))
                    .responseTimeout(properties.requestTimeout())
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up TLS for azure-core", e);
        }
    }

    /** For azure-identity's credentials and Key Vault. */
    public HttpClient azureHttpClient() {
        return azure;
    }

    /** A base for the Graph SDK's client, which adds its own middleware (retry, redirect, …). */
    public OkHttpClient.Builder graphClientBuilder(OkHttpClient.Builder sdkBuilder) {
        return sdkBuilder.sslSocketFactory(sslContext.getSocketFactory(), trustManager)
                .callTimeout(properties.requestTimeout());
    }

    /** For the plain OAuth 2.0 requests of the delegated grant. */
    public java.net.http.HttpClient jdkHttpClient() {
        return jdk;
    }

    public GraphProperties properties() {
        return properties;
    }

    private static X509TrustManager trustManager(GraphProperties properties)
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
        throw new GeneralSecurityException("no X509 trust manager");
    }
}
