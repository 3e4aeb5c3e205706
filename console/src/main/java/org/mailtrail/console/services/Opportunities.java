package org.mailtrail.console.services;

import java.util.Map;

import org.mailtrail.platform.web.Page;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** opportunity-service: promotions and opportunities. */
public class Opportunities {

    /** The header that makes a repeated promotion request the same promotion. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** What opportunity-service allows in it. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
    static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    private static final ParameterizedTypeReference<Page<Opportunity>> OPPORTUNITIES =
            new ParameterizedTypeReference<>() {
            };

    private final ServiceClients.ServiceClient client;

    Opportunities(ServiceClients.ServiceClient client) {
        this.client = client;
    }


    /**
     * Asks for the entry to become an opportunity. The answer comes at once, usually PENDING; follow it with
     * {@link #promotion}. The same key with the same terms is the same promotion (a double submit promotes once);
     * the same key with other terms is refused (422). An entry that already has its opportunity is ACCEPTED with
     * that one, unchanged.
     */
    public Promotion promote(String interactionId, String idempotencyKey, PromotionTerms terms) {
        return client.call(rest -> rest.post().uri("/api/interactions/{interactionId}/promotions", interactionId)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set(IDEMPOTENCY_KEY, idempotencyKey);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(terms)
                .retrieve().body(Promotion.class));
    }

    public Promotion promotion(String commandId) {
        return client.call(rest -> rest.get().uri("/api/promotions/{commandId}", commandId).retrieve()
                .body(Promotion.class));
    }

    /**
     * The person's opportunities (a sales manager's: everyone's), newest first.
     *
     * @param cursor the previous page's {@code nextCursor}, or null for the first page
     * @param limit 1 to 200
     */
    public Page<Opportunity> opportunities(OpportunityQuery query, String cursor, int limit) {
        return client.call(rest -> rest.get().uri(uri -> {
            query.applyTo(uri).queryParam("limit", limit);
            if (cursor != null && !cursor.isBlank()) {
                uri.queryParam("cursor", cursor);
            }
            return uri.path("/api/opportunities").build();
        }).retrieve().body(OPPORTUNITIES));
    }

    /** One opportunity, with the ETag a change is to send back. */
    public Opportunity opportunity(String id) {
        return client.call(rest -> withEtag(rest.get().uri("/api/opportunities/{id}", id).retrieve()
                .toEntity(Opportunity.class)));
    }

    /**
     * Moves the opportunity to another status, if it is still the version read ({@code etag}, sent as If-Match;
     * none: whatever version is current). Refused with 409 when the status may not follow the current one or the
     * opportunity is closed, with 412 when it changed since it was read.
     */
    public Opportunity changeStatus(String id, String etag, String status) {
        return client.call(rest -> withEtag(rest.patch().uri("/api/opportunities/{id}", id)
                .headers(headers -> {
                    if (etag != null && !etag.isBlank()) {
                        headers.setIfMatch(etag);
                    }
                })
                .contentType(MERGE_PATCH)
                .body(Map.of("status", status))
                .retrieve().toEntity(Opportunity.class)));
    }

    private static Opportunity withEtag(ResponseEntity<Opportunity> response) {
        Opportunity opportunity = response.getBody();
        return opportunity == null ? null : opportunity.withEtag(response.getHeaders().getFirst(HttpHeaders.ETAG));
    }
}
