package org.mailtrail.matcher.connection.store;

import java.util.List;

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
        CopyPolicy copies) {

    static final String COLLECTION = "connections";

    static ConnectionPolicyDocument from(ConnectionPolicy policy) {
        return new ConnectionPolicyDocument(policy.connectionId(), policy.revision(), policy.unmatchedPolicy(),
                policy.internalDomains(), policy.matching(), policy.hold(), policy.copies());
    }

    ConnectionPolicy toPolicy() {
        return new ConnectionPolicy(id, revision, unmatchedPolicy, internalDomains, matching, hold, copies);
    }
}
