package org.mailtrail.console.services;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** opportunity-service: promotions and opportunities. */
public class Opportunities {

    /** The header that makes a repeated promotion request the same promotion. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** What opportunity-service allows in it. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private final ServiceClients.ServiceClient client;

    Opportunities(ServiceClients.ServiceClient client) {
        this.client = client;
    }

    ServiceClients.ServiceClient client() {
        return client;
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

    /** One opportunity, with the ETag a change is to send back. */
    public Opportunity opportunity(String id) {
        return client.call(rest -> withEtag(rest.get().uri("/api/opportunities/{id}", id).retrieve()
                .toEntity(Opportunity.class)));
    }

    private static Opportunity withEtag(ResponseEntity<Opportunity> response) {
        Opportunity opportunity = response.getBody();
        return opportunity == null ? null : opportunity.withEtag(response.getHeaders().getFirst(HttpHeaders.ETAG));
    }
}
