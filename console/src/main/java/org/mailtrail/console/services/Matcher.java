package org.mailtrail.console.services;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.mailtrail.platform.web.Page;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;

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

    /**
     * How the interaction's mail opens: the matcher redirects to a Graph mail (the person's browser follows) and
     * answers an IMAP mail's content. A redirect anywhere but to an http(s) link is refused.
     */
    public OpenedMail openMail(String id) {
        ResponseEntity<MailContent> answer = client.call(rest -> rest.get()
                .uri("/api/interactions/{id}/message", id).retrieve().toEntity(MailContent.class));
        if (answer.getStatusCode().is3xxRedirection()) {
            URI link = answer.getHeaders().getLocation();
            String scheme = link == null || link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new ServiceProblem(client.service(), 502, "The mail has no link to open",
                        "interaction-matcher answered with no web link to the mail.", List.of());
            }
            return new OpenedMail.AtLink(link);
        }
        if (answer.getBody() == null) {
            throw new ServiceProblem(client.service(), 502, "The mail could not be read",
                    "interaction-matcher answered without the mail.", List.of());
        }
        return new OpenedMail.AsContent(answer.getBody());
    }
}
