package org.mailtrail.platform.security;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Client-credentials tokens for calls to other mailtrail services, one registration per permission asked for. A
 * token is kept until shortly before it expires (Spring Security's authorized-client manager renews it), so a
 * steady stream of calls costs one token request per token lifetime.
 */
public class ServiceTokens {

    private final ServiceClientProperties properties;
    private final ConcurrentHashMap<String, OAuth2AuthorizedClientManager> managers = new ConcurrentHashMap<>();

    public ServiceTokens(ServiceClientProperties properties) {
        this.properties = properties;
    }

    /** Adds a bearer token granted {@code permission} to every request of a {@code RestClient}. */
    public ClientHttpRequestInterceptor interceptor(String permission) {
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager(permission));
        interceptor.setClientRegistrationIdResolver(request -> permission);
        return interceptor;
    }

    /** A current token granted {@code permission}, for clients that are not a {@code RestClient}. */
    public String token(String permission) {
        OAuth2AuthorizedClient client = manager(permission).authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(permission).principal(properties.clientId()).build());
        if (client == null) {
            throw new IllegalStateException("the issuer granted no token for " + permission);
        }
        return client.getAccessToken().getTokenValue();
    }

    private OAuth2AuthorizedClientManager manager(String permission) {
        if (!properties.complete()) {
            throw new IllegalStateException("mailtrail.service-client.token-uri, client-id and client-secret "
                    + "(MAILTRAIL_TOKEN_URI, MAILTRAIL_CLIENT_ID, MAILTRAIL_CLIENT_SECRET) are required to call "
                    + "another service with the permission " + permission);
        }
        return managers.computeIfAbsent(permission, this::newManager);
    }

    private OAuth2AuthorizedClientManager newManager(String permission) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(permission)
                .clientId(properties.clientId()).clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(List.of(properties.scopeFor(permission))).tokenUri(properties.tokenUri()).build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        return new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                new InMemoryOAuth2AuthorizedClientService(registrations));
    }
}
