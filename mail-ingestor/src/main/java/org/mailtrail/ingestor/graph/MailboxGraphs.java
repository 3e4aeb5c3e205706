package org.mailtrail.ingestor.graph;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.platform.graph.GraphTrust;
import org.mailtrail.platform.graph.MailboxPermits;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.OkHttpClient;

/**
 * The Graph access of every mailbox: one HTTP client for all of them (one connection pool, and the platform's
 * {@link GraphTrust}), one {@link GraphServiceClient} per connection (its base URL and token source), and one
 * {@link MailboxGate} per mailbox, shared by every connection and flow that reaches that mailbox.
 */
@Component
public class MailboxGraphs implements DisposableBean {

    /**
     * The SDK's own retry middleware sleeps out a Retry-After on one request while other requests to the same
     * mailbox carry on. Retries go through the mailbox's gate instead, which holds them all back.
     */
    private static final String SDK_RETRY_HANDLER = "com.microsoft.kiota.http.middleware.RetryHandler";

    private final IngestorProperties.Graph settings;
    private final TokenBrokerClient tokens;
    private final Clock clock;
    private final Counter retryAfterWait;
    private final OkHttpClient http;
    private final Map<String, MailboxGate> gates = new ConcurrentHashMap<>();
    private final Map<String, MailboxGraph> graphs = new ConcurrentHashMap<>();
    private final GraphRequestMetrics metrics;
    private final MailboxPermits permits;

    public MailboxGraphs(IngestorProperties properties, TokenBrokerClient tokens, GraphTrust trust,
            GraphRequestMetrics metrics, MeterRegistry registry, Clock clock, MailboxPermits permits) {
        this.settings = properties.graph();
        this.permits = permits;
        this.tokens = tokens;
        this.metrics = metrics;
        this.clock = clock;
        this.retryAfterWait = Counter.builder("mailtrail.graph.retry.after.wait")
                .description("Time spent holding Graph requests back until a Retry-After elapsed")
                .baseUnit("seconds")
                .register(registry);
        this.http = httpClient(settings, trust, metrics);
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
                    () -> tokens.tenantOf(connectionId), metrics);
        });
    }

    /** The gate of a mailbox, whoever calls it. */
    public MailboxGate gate(String mailbox) {
        return gates.computeIfAbsent(mailbox.toLowerCase(Locale.ROOT), address -> new MailboxGate(address,
                settings.requestBudget(), settings.budgetWindow(), settings.maxAttempts(), settings.calmPeriod(),
                clock, retryAfterWait, permits));
    }

    /** How many requests may be in flight for one mailbox at once, from all processes together. */
    public int maxConcurrent() {
        return permits.perMailbox();
    }

    @Override
    public void destroy() {
        http.dispatcher().executorService().shutdownNow();
        http.connectionPool().evictAll();
    }

    private static OkHttpClient httpClient(IngestorProperties.Graph settings, GraphTrust trust,
            GraphRequestMetrics metrics) {
        OkHttpClient.Builder builder = GraphClientFactory.create();
        builder.interceptors().removeIf(interceptor -> interceptor.getClass().getName().equals(SDK_RETRY_HANDLER));
        return builder.addInterceptor(metrics)
                .addNetworkInterceptor(new RetryAfterAtSend())
                .sslSocketFactory(trust.socketFactory(), trust.trustManager())
                .connectTimeout(settings.requestTimeout())
                .readTimeout(settings.requestTimeout())
                .writeTimeout(settings.requestTimeout())
                .callTimeout(settings.requestTimeout())
                .build();
    }

    private static String trimTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
