package org.mailtrail.console.services;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.mailtrail.console.ConsoleProperties;
import org.mailtrail.platform.problem.FieldProblem;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One REST client per service, each relaying the signed-in person's access token (refreshed when it runs out), so
 * the services decide what the person may see and do; the console decides nothing of it.
 */
@Configuration(proxyBeanMethods = false)
class ServiceClients {

    static final String REGISTRATION = "mailtrail";
    private static final int MAX_PROBLEM_BYTES = 64 * 1024;

    @Bean
    ServiceClient configServiceClient(RestClient.Builder builder, OAuth2AuthorizedClientManager clients,
            ConsoleProperties properties, JsonMapper json) {
        return client(builder, "config-service", properties.configServiceUrl(), clients, properties, json);
    }

    @Bean
    ServiceClient matcherClient(RestClient.Builder builder, OAuth2AuthorizedClientManager clients,
            ConsoleProperties properties, JsonMapper json) {
        return client(builder, "interaction-matcher", properties.matcherUrl(), clients, properties, json);
    }

    @Bean
    ServiceClient opportunityClient(RestClient.Builder builder, OAuth2AuthorizedClientManager clients,
            ConsoleProperties properties, JsonMapper json) {
        return client(builder, "opportunity-service", properties.opportunityUrl(), clients, properties, json);
    }

    @Bean
    ConfigService configService(@Qualifier("configServiceClient") ServiceClient client) {
        return new ConfigService(client);
    }

    @Bean
    ConnectionStates connectionStates(@Qualifier("configServiceClient") ServiceClient client) {
        return new ConnectionStates(client);
    }

    @Bean
    Audit audit(@Qualifier("configServiceClient") ServiceClient client) {
        return new Audit(client);
    }

    @Bean
    Matcher matcher(@Qualifier("matcherClient") ServiceClient client) {
        return new Matcher(client);
    }

    @Bean
    Contacts contacts(@Qualifier("matcherClient") ServiceClient client) {
        return new Contacts(client);
    }

    @Bean
    Directory directory(@Qualifier("matcherClient") ServiceClient client) {
        return new Directory(client);
    }

    @Bean
    Ledger ledger(@Qualifier("matcherClient") ServiceClient client) {
        return new Ledger(client);
    }

    @Bean
    Opportunities opportunities(@Qualifier("opportunityClient") ServiceClient client) {
        return new Opportunities(client);
    }

    private static ServiceClient client(RestClient.Builder builder, String service, String url,
            OAuth2AuthorizedClientManager clients, ConsoleProperties properties, JsonMapper json) {
        var relay = new OAuth2ClientHttpRequestInterceptor(clients);
        relay.setClientRegistrationIdResolver(request -> REGISTRATION);
        ClientHttpRequestFactory requests = ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                .withConnectTimeout(properties.timeout()).withReadTimeout(properties.timeout())
                .withRedirects(org.springframework.boot.http.client.HttpRedirects.DONT_FOLLOW));
        RestClient rest = builder.clone().baseUrl(url).requestFactory(requests).requestInterceptor(relay)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw problem(service, response, json);
                })
                .build();
        return new ServiceClient(service, rest);
    }

    /** The service's problem details, read from at most a bounded body. */
    private static ServiceProblem problem(String service, ClientHttpResponse response, JsonMapper json)
            throws IOException {
        int status = response.getStatusCode().value();
        JsonNode body = null;
        try (InputStream in = response.getBody()) {
            byte[] bytes = in.readNBytes(MAX_PROBLEM_BYTES);
            body = bytes.length == 0 ? null : json.readTree(bytes);
        } catch (RuntimeException notJson) {
            body = null;
        }
        String title = body == null ? response.getStatusText() : body.path("title").asString(response.getStatusText());
        String detail = body == null ? null : body.path("detail").asString(null);
        List<FieldProblem> errors = new ArrayList<>();
        if (body != null) {
            body.path("errors").forEach(error -> errors.add(new FieldProblem(error.path("field").asString(""),
                    error.path("reason").asString(""))));
        }
        return new ServiceProblem(service, status, title, detail, errors);
    }

    /** A service's client: its name for messages, and a call that turns "no answer" into a problem. */
    record ServiceClient(String service, RestClient rest) {

        /** Calls the service; a service that does not answer becomes a 503 problem naming it. */
        <T> T call(java.util.function.Function<RestClient, T> call) {
            try {
                return call.apply(rest);
            } catch (ResourceAccessException e) {
                throw ServiceProblem.unreachable(service, e);
            }
        }
    }
}
