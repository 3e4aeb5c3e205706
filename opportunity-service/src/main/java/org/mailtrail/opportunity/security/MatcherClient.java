package org.mailtrail.opportunity.security;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;

import org.mailtrail.opportunity.OpportunityProblems;
import org.mailtrail.opportunity.OpportunityServiceProperties;
import org.mailtrail.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.DefaultUriBuilderFactory.EncodingMode;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Asks the matcher, with the caller's own token, what the caller may see there: which salespeople it is, and
 * whether an interaction is one of its own. The matcher holds the directory and the log, so its answer is the one
 * rule; when it cannot answer, the request fails (503) rather than guess.
 */
@Component
class MatcherClient {

    /** The part of the matcher's {@code GET /api/me} this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Me(Set<String> salespersonCodes) {
    }

    private final RestClient client;

    MatcherClient(OpportunityServiceProperties properties) {
        Duration timeout = properties.matcherTimeout();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        DefaultUriBuilderFactory uris = new DefaultUriBuilderFactory(properties.matcherUrl().toString());
        uris.setEncodingMode(EncodingMode.VALUES_ONLY);
        this.client = RestClient.builder().requestFactory(requests).uriBuilderFactory(uris).build();
    }

    Set<String> salespersonCodes(String token) {
        try {
            Me me = client.get().uri("/api/me").headers(headers -> headers.setBearerAuth(token)).retrieve()
                    .body(Me.class);
            return me == null || me.salespersonCodes() == null ? Set.of() : me.salespersonCodes();
        } catch (RestClientException e) {
            throw unavailable(e);
        }
    }

    boolean seesInteraction(String interactionId, String token) {
        try {
            client.get().uri("/api/interactions/{id}", interactionId).headers(headers -> headers.setBearerAuth(token))
                    .retrieve().toBodilessEntity();
            return true;
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return false;
            }
            throw unavailable(e);
        } catch (RestClientException e) {
            throw unavailable(e);
        }
    }

    private static ProblemException unavailable(RestClientException cause) {
        return new ProblemException(OpportunityProblems.MATCHER_UNAVAILABLE,
                "the matcher, which says whose interactions the caller may see, did not answer: " + cause.getMessage());
    }
}
