package org.mailtrail.matcher.connection.domain;

import java.util.List;
import java.util.Objects;

import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.matcher.matching.domain.MatchingPolicy;

/**
 * What the matcher needs of a mailbox connection: how to match its mail and what to do with mail
 * that is not logged.
 *
 * @param revision the config-service revision this state came from; older records are ignored
 */
public record ConnectionPolicy(
        String connectionId,
        long revision,
        UnmatchedPolicy unmatchedPolicy,
        List<String> internalDomains,
        MatchingOptions matching) {

    public ConnectionPolicy {
        Objects.requireNonNull(connectionId, "connectionId");
        unmatchedPolicy = unmatchedPolicy == null ? UnmatchedPolicy.DELETE : unmatchedPolicy;
        internalDomains = internalDomains == null ? List.of() : List.copyOf(internalDomains);
        matching = matching == null ? MatchingOptions.NONE : matching;
    }

    /** A connection the matcher has not heard of yet: Business Central's rules, unmatched mail deleted. */
    public static ConnectionPolicy defaults(String connectionId) {
        return new ConnectionPolicy(connectionId, -1, UnmatchedPolicy.DELETE, List.of(), MatchingOptions.NONE);
    }

    public static ConnectionPolicy from(ConnectionConfigured configured) {
        return new ConnectionPolicy(configured.connectionId(), configured.revision(), configured.unmatchedPolicy(),
                configured.internalDomains(), configured.matching());
    }

    public MatchingPolicy matchingPolicy() {
        return MatchingPolicy.of(matching, internalDomains);
    }
}
