package org.mailtrail.console.services;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mailtrail.platform.web.Page;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/**
 * interaction-matcher: the completeness ledger of each connection, its failed mails, and the runs of matching over
 * its held mail.
 */
public class Ledger {

    /** What a run of matching over held mail is asked for with: held mail received in [from, to). */
    record RematchRequest(Instant from, Instant to) {
    }

    /** The matcher's list of runs. */
    record Rematches(List<Rematch> items) {
    }

    private static final ParameterizedTypeReference<List<ConnectionLedger>> LEDGERS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Page<FailedMail>> FAILURES = new ParameterizedTypeReference<>() {
    };

    private final ServiceClients.ServiceClient client;

    Ledger(ServiceClients.ServiceClient client) {
        this.client = client;
    }

    /** The ledger of every connection that has received mail. */
    public List<ConnectionLedger> all() {
        List<ConnectionLedger> ledgers = client.call(rest -> rest.get().uri("/api/ledger").retrieve().body(LEDGERS));
        return ledgers == null ? List.of() : ledgers;
    }

    /** The ledger of one connection; not found (404) for one the matcher neither knows nor has seen mail of. */
    public ConnectionLedger of(String connectionId) {
        return client.call(rest -> rest.get().uri("/api/ledger/{connectionId}", connectionId).retrieve()
                .body(ConnectionLedger.class));
    }

    /**
     * Asks the matcher to match the connection's mail held in [from, to) again; the run goes on there, and what it
     * answers with is the run as it started.
     */
    public Rematch startRematch(String connectionId, Instant from, Instant to) {
        return client.call(rest -> rest.post().uri("/api/ledger/{connectionId}/rematches", connectionId)
                .contentType(MediaType.APPLICATION_JSON).body(new RematchRequest(from, to)).retrieve()
                .body(Rematch.class));
    }

    /** A run of matching over held mail, as far as it has come. */
    public Rematch rematch(String id) {
        return client.call(rest -> rest.get().uri("/api/rematches/{id}", id).retrieve().body(Rematch.class));
    }

    /** The connection's latest runs of matching over held mail, the newest first (the matcher gives at most 20). */
    public List<Rematch> rematches(String connectionId) {
        Rematches runs = client.call(rest -> rest.get().uri("/api/ledger/{connectionId}/rematches", connectionId)
                .retrieve().body(Rematches.class));
        return runs == null || runs.items() == null ? List.of() : List.copyOf(runs.items());
    }

    /** A page of the connection's failed mails, the latest first. */
    public Page<FailedMail> failures(String connectionId, String cursor, int limit) {
        // Values go in as URI variables, so that they are encoded whole, whatever they hold.
        Map<String, String> values = new HashMap<>(Map.of("connectionId", connectionId));
        return client.call(rest -> rest.get().uri(uri -> {
            uri.path("/api/ledger/{connectionId}/failures").queryParam("limit", limit);
            if (cursor != null && !cursor.isBlank()) {
                uri.queryParam("cursor", "{cursor}");
                values.put("cursor", cursor);
            }
            return uri.build(values);
        }).retrieve().body(FAILURES));
    }
}
