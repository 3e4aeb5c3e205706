package org.mailtrail.emulator;

import java.net.http.HttpClient;
import java.time.Duration;

import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AnonymousAuthenticationProvider;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import okhttp3.OkHttpClient;

/** The real SDK clients, trusting the emulator's certificate per client (no JVM-wide truststore). */
final class Clients {

    static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    private Clients() {
    }

    static ClientSecretCredential credential(GraphEmulator emulator, String tenant, String clientId, String secret) {
        return new ClientSecretCredentialBuilder()
                .tenantId(tenant)
                .clientId(clientId)
                .clientSecret(secret)
                .authorityHost(emulator.authorityHost())
                .disableInstanceDiscovery()
                .httpClient(azureHttpClient(emulator))
                .build();
    }

    static com.azure.core.http.HttpClient azureHttpClient(GraphEmulator emulator) {
        return azureHttpClient(emulator.certificate());
    }

    static com.azure.core.http.HttpClient azureHttpClient(X509Certificate certificate) {
        try {
            SslContext trust = SslContextBuilder.forClient().trustManager(certificate).build();
            return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(trust)))
                    .responseTimeout(Duration.ofSeconds(30))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Graph client as mailtrail builds one: bearer tokens for the emulator's host, base URL pointed at it. */
    static GraphServiceClient graph(GraphEmulator emulator, TokenCredential credential) {
        AzureIdentityAuthenticationProvider auth = new AzureIdentityAuthenticationProvider(credential,
                new String[] {"127.0.0.1", "localhost"}, GRAPH_SCOPE);
        GraphServiceClient graph = new GraphServiceClient(auth, okHttp(emulator));
        graph.getRequestAdapter().setBaseUrl(emulator.graphBaseUrl());
        return graph;
    }

    /** A Graph client that sends no Authorization header at all. */
    static GraphServiceClient anonymousGraph(GraphEmulator emulator) {
        GraphServiceClient graph = new GraphServiceClient(new AnonymousAuthenticationProvider(), okHttp(emulator));
        graph.getRequestAdapter().setBaseUrl(emulator.graphBaseUrl());
        return graph;
    }

    static OkHttpClient okHttp(GraphEmulator emulator) {
        return okHttp(emulator.sslContext(), emulator.trustManager());
    }

    static OkHttpClient okHttp(SSLContext tls, X509TrustManager trustManager) {
        return GraphClientFactory.create()
                .sslSocketFactory(tls.getSocketFactory(), trustManager)
                .callTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** For the few calls no SDK makes: a browser following /authorize, the control API, malformed batches. */
    static HttpClient plainHttp(GraphEmulator emulator) {
        return HttpClient.newBuilder()
                .sslContext(emulator.sslContext())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
