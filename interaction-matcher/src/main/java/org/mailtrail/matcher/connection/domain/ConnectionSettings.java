package org.mailtrail.matcher.connection.domain;

import java.util.List;
import java.util.Objects;

import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.matcher.matching.domain.MatchingPolicy;

/**
 * What the matcher needs of a mailbox connection.
 *
 * @param revision the config-service revision this state came from; older records are ignored
 */
public record ConnectionSettings(
        String connectionId,
        long revision,
        UnmatchedPolicy unmatchedPolicy,
        List<String> internalDomains,
        MatchingOptions matching) {

    public ConnectionSettings {
        Objects.requireNonNull(connectionId, "connectionId");
        unmatchedPolicy = unmatchedPolicy == null ? UnmatchedPolicy.DELETE : unmatchedPolicy;
        internalDomains = internalDomains == null ? List.of() : List.copyOf(internalDomains);
        matching = matching == null ? MatchingOptions.NONE : matching;
    }

    /** A connection the matcher has not heard of yet: Business Central's rules, unmatched mail deleted. */
    public static ConnectionSettings defaults(String connectionId) {
        return new ConnectionSettings(connectionId, -1, UnmatchedPolicy.DELETE, List.of(), MatchingOptions.NONE);
    }

    public static ConnectionSettings from(ConnectionConfigured configured) {
        return new ConnectionSettings(configured.connectionId(), configured.revision(), configured.unmatchedPolicy(),
                configured.internalDomains(), configured.matching());
    }

    public MatchingPolicy policy() {
        return MatchingPolicy.of(matching, internalDomains);
    }
}
