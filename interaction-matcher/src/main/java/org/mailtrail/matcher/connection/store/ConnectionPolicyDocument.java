package org.mailtrail.matcher.connection.store;

import java.util.List;

import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.matcher.connection.domain.ConnectionPolicy;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document(ConnectionPolicyDocument.COLLECTION)
record ConnectionPolicyDocument(
        @Id String id,
        long revision,
        UnmatchedPolicy unmatchedPolicy,
        List<String> internalDomains,
        MatchingOptions matching,
        HoldPolicy hold,
        CopyPolicy copies,
        ConnectionKind kind) {

    static final String COLLECTION = "connections";

    static ConnectionPolicyDocument from(ConnectionPolicy policy) {
        return new ConnectionPolicyDocument(policy.connectionId(), policy.revision(), policy.unmatchedPolicy(),
                policy.internalDomains(), policy.matching(), policy.hold(), policy.copies(), policy.kind());
    }

    ConnectionPolicy toPolicy() {
        // A document stored before connections had kinds is a Graph connection's (the policy says so for null).
        return new ConnectionPolicy(id, revision, unmatchedPolicy, internalDomains, matching, hold, copies, kind);
    }
}
