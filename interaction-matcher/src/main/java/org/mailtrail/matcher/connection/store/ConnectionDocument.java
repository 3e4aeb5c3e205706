package org.mailtrail.matcher.connection.store;

import java.util.List;

import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.matcher.connection.domain.ConnectionSettings;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document("connections")
record ConnectionDocument(
        @Id String id,
        long revision,
        UnmatchedPolicy unmatchedPolicy,
        List<String> internalDomains,
        MatchingOptions matching) {

    static ConnectionDocument from(ConnectionSettings settings) {
        return new ConnectionDocument(settings.connectionId(), settings.revision(), settings.unmatchedPolicy(),
                settings.internalDomains(), settings.matching());
    }

    ConnectionSettings toSettings() {
        return new ConnectionSettings(id, revision, unmatchedPolicy, internalDomains, matching);
    }
}
