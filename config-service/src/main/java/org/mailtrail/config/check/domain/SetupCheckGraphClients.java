package org.mailtrail.config.check.domain;

import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.graph.GraphHttp;
import org.mailtrail.platform.graph.MailboxPermits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;

/**
 * The Graph SDK clients the setup checks ask a connection's Graph (global, sovereign or emulator) with,
 * authenticated with the broker's cached token. The SDK only attaches a token to hosts it is told about, so the
 * connection's Graph host is named explicitly; its default list knows only Microsoft's hosts. Each request holds
 * one of the mailbox's permits while it is on the wire (each retry of the SDK's own a new one), so a check of a
 * running connection shares Outlook's concurrent requests per mailbox with the ingestor instead of adding to them.
 */
public class SetupCheckGraphClients {

    private static final Logger log = LoggerFactory.getLogger(SetupCheckGraphClients.class);

    private final GraphHttp http;
    private final MailboxPermits permits;

    public SetupCheckGraphClients(GraphHttp http, MailboxPermits permits) {
        this.http = http;
        this.permits = permits;
    }

    public GraphServiceClient forConnection(Connection connection, Supplier<String> accessToken) {
        URI base = connection.settings().graphBaseUrl();
        AccessTokenProvider tokens = new AccessTokenProvider() {
            private final AllowedHostsValidator hosts = new AllowedHostsValidator(base.getHost());

            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                return accessToken.get();
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return hosts;
            }
        };
        String mailbox = connection.settings().mailbox();
        GraphServiceClient graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens),
                http.graphClientBuilder(GraphClientFactory.create()).addInterceptor(chain -> {
                    MailboxPermits.Held held;
                    try {
                        held = permits.acquire(mailbox, 1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted waiting for a request slot of " + mailbox);
                    }
                    try {
                        return chain.proceed(chain.request());
                    } finally {
                        giveBack(held, mailbox);
                    }
                }).build());
        graph.getRequestAdapter().setBaseUrl(base.toString().replaceAll("/+$", ""));
        return graph;
    }

    /** The answer is in either way; a permit that cannot be given back (the store unreachable) ends with its lease. */
    private static void giveBack(MailboxPermits.Held held, String mailbox) {
        try {
            held.close();
        } catch (RuntimeException e) {
            log.warn("the request permit of mailbox {} could not be given back, it is free again when its lease "
                    + "ends: {}", mailbox, e.toString());
        }
    }
}
