package org.mailtrail.config.graph;

import java.io.IOException;

import org.mailtrail.platform.graph.GraphTrust;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;

import io.netty.handler.ssl.SslContextBuilder;
import okhttp3.OkHttpClient;

/**
 * The HTTP clients that talk to Graph and Entra, all with the platform's {@link GraphTrust}: azure-identity and
 * Key Vault run on azure-core's Netty client, the Graph SDK on OkHttp, the delegated grant on the JDK's client.
 */
public class GraphHttp {

    private final GraphProperties properties;
    private final GraphTrust trust;
    private final java.net.http.HttpClient jdk;
    private final HttpClient azure;

    public GraphHttp(GraphProperties properties, GraphTrust trust) {
        this.properties = properties;
        this.trust = trust;
        this.jdk = java.net.http.HttpClient.newBuilder().sslContext(trust.sslContext())
                .connectTimeout(properties.requestTimeout())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        try {
            io.netty.handler.ssl.SslContext netty = SslContextBuilder.forClient().trustManager(trust.trustManager())
                    .build();
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
        return sdkBuilder.sslSocketFactory(trust.socketFactory(), trust.trustManager())
                .callTimeout(properties.requestTimeout());
    }

    /** For the plain OAuth 2.0 requests of the delegated grant. */
    public java.net.http.HttpClient jdkHttpClient() {
        return jdk;
    }

    public GraphProperties properties() {
        return properties;
    }
}
