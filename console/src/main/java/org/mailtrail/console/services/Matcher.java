package org.mailtrail.console.services;

import java.net.URI;

import org.mailtrail.platform.web.Page;
import org.springframework.core.ParameterizedTypeReference;

/** interaction-matcher: the log, timelines, the directory, the ledger, and who the caller is. */
public class Matcher {

    private static final ParameterizedTypeReference<Page<Interaction>> INTERACTIONS = new ParameterizedTypeReference<>() {
    };

    private final ServiceClients.ServiceClient client;

    Matcher(ServiceClients.ServiceClient client) {
        this.client = client;
    }

    public Caller me() {
        return client.call(rest -> rest.get().uri("/api/me").retrieve().body(Caller.class));
    }

    public Page<Interaction> interactions(LogFilter filter, String cursor, int limit) {
        return client.call(rest -> rest.get().uri(uri -> {
            filter.applyTo(uri).queryParam("limit", limit);
            if (cursor != null && !cursor.isBlank()) {
                uri.queryParam("cursor", cursor);
            }
            return uri.path("/api/interactions").build();
        }).retrieve().body(INTERACTIONS));
    }

    public Interaction interaction(String id) {
        return client.call(rest -> rest.get().uri("/api/interactions/{id}", id).retrieve().body(Interaction.class));
    }

    /**
     * Undoes the link the matcher made from the entry to an opportunity by its conversation; answers with the entry
     * as it is then. The matcher refuses (409) an entry that is not linked, or that was promoted itself.
     */
    public Interaction unlinkOpportunity(String id) {
        return client.call(rest -> rest.delete().uri("/api/interactions/{id}/opportunity", id).retrieve()
                .body(Interaction.class));
    }

    /** Where the interaction's mail is: the matcher's redirect, followed by the person's browser. */
    public URI mailLink(String id) {
        return client.call(rest -> rest.get().uri("/api/interactions/{id}/message", id).retrieve().toBodilessEntity()
                .getHeaders().getLocation());
    }
}
