package org.mailtrail.ingestor.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.mailtrail.ingestor.IngestorProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.OkHttpClient;

/**
 * Builds the Graph clients: one HTTP client for all of them (one connection pool, one TLS trust), one
 * {@link GraphServiceClient} per connection (its base URL and token source), and one {@link MailboxGate} per
 * mailbox, shared by every connection and flow that reaches that mailbox.
 */
@Component
public class GraphClients implements DisposableBean {

    /**
     * The SDK's own retry middleware sleeps out a Retry-After on one request while other requests to the same
     * mailbox carry on. Retries go through the mailbox's gate instead, which holds them all back.
     */
    private static final String SDK_RETRY_HANDLER = "com.microsoft.kiota.http.middleware.RetryHandler";

    private final IngestorProperties.Graph settings;
    private final TokenBroker tokens;
    private final Clock clock;
    private final Counter retryAfterWait;
    private final OkHttpClient http;
    private final Map<String, MailboxGate> gates = new ConcurrentHashMap<>();
    private final Map<String, MailboxGraph> graphs = new ConcurrentHashMap<>();
    private final GraphRequestMetrics metrics;

    public GraphClients(IngestorProperties properties, TokenBroker tokens, GraphRequestMetrics metrics,
            MeterRegistry registry, Clock clock) {
        this.settings = properties.graph();
        this.tokens = tokens;
        this.metrics = metrics;
        this.clock = clock;
        this.retryAfterWait = Counter.builder("mailtrail.graph.retry.after.wait")
                .description("Time spent holding Graph requests back until a Retry-After elapsed")
                .baseUnit("seconds")
                .register(registry);
        this.http = httpClient(settings, metrics);
    }

    /** The Graph access of one connection's mailbox. */
    public MailboxGraph forMailbox(String connectionId, URI graphBaseUrl, String mailbox) {
        String key = connectionId + "|" + graphBaseUrl + "|" + mailbox.toLowerCase(Locale.ROOT);
        return graphs.computeIfAbsent(key, k -> {
            GraphServiceClient client = new GraphServiceClient(
                    new BaseBearerTokenAuthenticationProvider(tokens.accessTokenProvider(connectionId, graphBaseUrl)),
                    http);
            client.getRequestAdapter().setBaseUrl(trimTrailingSlash(graphBaseUrl.toString()));
            return new MailboxGraph(connectionId, mailbox, client, gate(mailbox), () -> tokens.invalidate(connectionId),
                    metrics);
        });
    }

    /** The gate of a mailbox, whoever calls it. */
    public MailboxGate gate(String mailbox) {
        return gates.computeIfAbsent(mailbox.toLowerCase(Locale.ROOT), address -> new MailboxGate(address,
                settings.maxConcurrentRequests(), settings.requestBudget(), settings.budgetWindow(),
                settings.maxAttempts(), clock, retryAfterWait));
    }

    @Override
    public void destroy() {
        http.dispatcher().executorService().shutdownNow();
        http.connectionPool().evictAll();
    }

    static OkHttpClient httpClient(IngestorProperties.Graph settings, GraphRequestMetrics metrics) {
        OkHttpClient.Builder builder = GraphClientFactory.create();
        builder.interceptors().removeIf(interceptor -> interceptor.getClass().getName().equals(SDK_RETRY_HANDLER));
        builder.addInterceptor(metrics)
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .callTimeout(settings.timeout());
        if (!settings.trustStorePath().isBlank()) {
            X509TrustManager trust = trustManager(Path.of(settings.trustStorePath()),
                    settings.trustStorePassword().toCharArray(), settings.trustStoreType());
            builder.sslSocketFactory(sslContext(trust).getSocketFactory(), trust);
        }
        return builder.build();
    }

    private static X509TrustManager trustManager(Path path, char[] password, String type) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            TrustManager[] managers = factory.getTrustManagers();
            return Arrays.stream(managers).filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no X.509 trust manager for " + path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Graph truststore " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the Graph truststore " + path, e);
        }
    }

    private static SSLContext sslContext(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trust }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String trimTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
