package org.mailtrail.ingestor.connection.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mailtrail.events.config.ConnectionConfigured;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * The latest revision of every connection. The record is kept whole, as JSON in the contract's shape, so
 * fields config-service adds later survive a restart without a change here.
 */
@Repository
public class FollowedConnectionStore {

    @Document("connections")
    record FollowedConnectionDocument(@Id String connectionId, long revision, boolean enabled, String record,
            Instant receivedAt) {
    }

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;

    public FollowedConnectionStore(MongoTemplate mongo, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
    }

    public Optional<Long> revision(String connectionId) {
        return Optional.ofNullable(mongo.findById(connectionId, FollowedConnectionDocument.class))
                .map(FollowedConnectionDocument::revision);
    }

    public void save(ConnectionConfigured configured) {
        mongo.save(new FollowedConnectionDocument(configured.connectionId(), configured.revision(), configured.enabled(),
                json.writeValueAsString(configured), clock.instant()));
    }

    public void delete(String connectionId) {
        mongo.remove(Query.query(Criteria.where("_id").is(connectionId)), FollowedConnectionDocument.class);
    }

    public Optional<ConnectionConfigured> find(String connectionId) {
        return Optional.ofNullable(mongo.findById(connectionId, FollowedConnectionDocument.class))
                .map(document -> json.readValue(document.record(), ConnectionConfigured.class));
    }

    public List<ConnectionConfigured> all() {
        return mongo.findAll(FollowedConnectionDocument.class).stream()
                .map(document -> json.readValue(document.record(), ConnectionConfigured.class))
                .toList();
    }
}
