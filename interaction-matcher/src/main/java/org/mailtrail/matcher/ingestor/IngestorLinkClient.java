package org.mailtrail.matcher.ingestor;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

import org.mailtrail.matcher.MatcherProperties;
import org.mailtrail.platform.security.ServiceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.DefaultUriBuilderFactory.EncodingMode;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Asks mail-ingestor for the current link to a mail: {@code GET {ingestor}/internal/messages/
 * {connectionId}/{immutableId}/link} answers {@code {"webLink": "..."}}. A mail's link changes
 * when it moves, and Outlook's links expire, so a fresh one beats the stored one — but only if it
 * comes quickly: any failure or a slow answer means "no fresh link", and the caller falls back. The call carries a
 * client-credentials token granted {@code messages.link}.
 */
@Component
public class IngestorLinkClient {

    private static final Logger log = LoggerFactory.getLogger(IngestorLinkClient.class);

    /** The ingestor's answer; fields added to it later are not this client's concern. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LinkResponse(String webLink) {
    }

    private final RestClient client;

    /** The permission mail-ingestor asks of a caller's client-credentials token. */
    static final String LINK_PERMISSION = "messages.link";

    @Autowired
    public IngestorLinkClient(MatcherProperties properties, ServiceTokens tokens) {
        this(properties.ingestorUrl().toString(), properties.ingestorTimeout(), tokens.interceptor(LINK_PERMISSION));
    }

    IngestorLinkClient(String baseUrl, Duration timeout, ClientHttpRequestInterceptor authorization) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        DefaultUriBuilderFactory uris = new DefaultUriBuilderFactory(baseUrl);
        // Ids are opaque and may hold '/', '+' or '=': encode them as values, not as path structure.
        uris.setEncodingMode(EncodingMode.VALUES_ONLY);
        this.client = RestClient.builder().requestFactory(requests).uriBuilderFactory(uris)
                .requestInterceptor(authorization).build();
    }

    public Optional<String> freshLink(String connectionId, String immutableId) {
        try {
            LinkResponse response = client.get()
                    .uri("/internal/messages/{connectionId}/{immutableId}/link", connectionId, immutableId)
                    .retrieve().body(LinkResponse.class);
            return response == null || response.webLink() == null || response.webLink().isBlank() ? Optional.empty()
                    : Optional.of(response.webLink());
        } catch (RestClientException | OAuth2AuthorizationException e) {
            log.debug("No fresh link for {} in {} from the ingestor: {}", immutableId, connectionId, e.getMessage());
            return Optional.empty();
        }
    }
}
