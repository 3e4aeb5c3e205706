package org.mailtrail.matcher.connection.domain;

import java.util.List;
import java.util.Objects;

import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.matcher.matching.domain.MatchingPolicy;

/**
 * What the matcher needs of a mailbox connection: how to match its mail and what to do with mail
 * that is not logged.
 *
 * @param revision the config-service revision this state came from; older records are ignored
 * @param hold whether mail a directory change can make loggable is held, where and for how long
 * @param copies what becomes of a further copy of a mail already received
 * @param kind where the mailbox is read from, and so how its mail is opened
 */
public record ConnectionPolicy(
        String connectionId,
        long revision,
        UnmatchedPolicy unmatchedPolicy,
        List<String> internalDomains,
        MatchingOptions matching,
        HoldPolicy hold,
        CopyPolicy copies,
        ConnectionKind kind) {

    public ConnectionPolicy {
        Objects.requireNonNull(connectionId, "connectionId");
        unmatchedPolicy = unmatchedPolicy == null ? UnmatchedPolicy.DELETE : unmatchedPolicy;
        internalDomains = internalDomains == null ? List.of() : List.copyOf(internalDomains);
        matching = matching == null ? MatchingOptions.NONE : matching;
        hold = hold == null ? HoldPolicy.OFF : hold;
        copies = copies == null ? CopyPolicy.LIKE_FIRST : copies;
        kind = kind == null ? ConnectionKind.GRAPH : kind;
    }

    /**
     * A connection the matcher has not heard of yet: Business Central's rules, unmatched mail deleted, nothing held
     * (no hold folder was ever named for it).
     */
    public static ConnectionPolicy defaults(String connectionId) {
        return new ConnectionPolicy(connectionId, -1, UnmatchedPolicy.DELETE, List.of(), MatchingOptions.NONE,
                HoldPolicy.OFF, CopyPolicy.LIKE_FIRST, ConnectionKind.GRAPH);
    }

    public static ConnectionPolicy from(ConnectionConfigured configured) {
        return new ConnectionPolicy(configured.connectionId(), configured.revision(), configured.unmatchedPolicy(),
                configured.internalDomains(), configured.matching(), configured.hold(), configured.copies(),
                configured.kind());
    }

    public MatchingPolicy matchingPolicy() {
        return MatchingPolicy.of(matching, internalDomains);
    }
}
