package org.mailtrail.config.check.domain;

import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.graph.GraphHttp;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;

/**
 * The Graph SDK clients the setup checks ask a connection's Graph (global, sovereign or emulator) with,
 * authenticated with the broker's cached token. The SDK only attaches a token to hosts it is told about, so the
 * connection's Graph host is named explicitly; its default list knows only Microsoft's hosts.
 */
public class SetupCheckGraphClients {

    private final GraphHttp http;

    public SetupCheckGraphClients(GraphHttp http) {
        this.http = http;
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
        GraphServiceClient graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens),
                http.graphClientBuilder(GraphClientFactory.create()).build());
        graph.getRequestAdapter().setBaseUrl(base.toString().replaceAll("/+$", ""));
        return graph;
    }
}
