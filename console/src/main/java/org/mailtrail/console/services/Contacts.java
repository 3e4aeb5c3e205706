package org.mailtrail.console.services;

import org.mailtrail.platform.web.Page;
import org.springframework.core.ParameterizedTypeReference;

/** interaction-matcher: a contact's card and its timeline, grouped by conversation. */
public class Contacts {

    private static final ParameterizedTypeReference<Page<Conversation>> CONVERSATIONS =
            new ParameterizedTypeReference<>() {
            };

    private final ServiceClients.ServiceClient client;

    Contacts(ServiceClients.ServiceClient client) {
        this.client = client;
    }

    /** The contact's card; a contact the person may not see is not found (404), as one that does not exist. */
    public ContactCard contact(String contactId) {
        return client.call(rest -> rest.get().uri("/api/directory/contacts/{contactId}", contactId).retrieve()
                .body(ContactCard.class));
    }

    /**
     * The contact's conversations, most recently active first; for a company, its persons' too. A salesperson gets
     * its own interactions only.
     *
     * @param cursor the previous page's {@code nextCursor}, or null for the first page
     * @param limit 1 to 100
     */
    public Page<Conversation> timeline(String contactId, String cursor, int limit) {
        return client.call(rest -> rest.get().uri(uri -> {
            uri.path("/api/contacts/{contactId}/timeline").queryParam("limit", limit);
            if (cursor != null && !cursor.isBlank()) {
                uri.queryParam("cursor", cursor);
            }
            return uri.build(contactId);
        }).retrieve().body(CONVERSATIONS));
    }
}
