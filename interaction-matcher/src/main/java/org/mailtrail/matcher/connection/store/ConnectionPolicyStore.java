package org.mailtrail.matcher.connection.store;

import java.util.List;

import org.mailtrail.matcher.connection.domain.ConnectionPolicy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Connection policies in the {@code connections} collection. */
@Component
public class ConnectionPolicyStore {

    private final MongoTemplate mongo;

    public ConnectionPolicyStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<ConnectionPolicy> findAll() {
        return mongo.findAll(ConnectionPolicyDocument.class).stream().map(ConnectionPolicyDocument::toPolicy).toList();
    }

    /**
     * Stores the policy unless a newer revision of it is stored: whichever instance reads a replayed record, the
     * store never goes back.
     *
     * @return whether it is stored now
     */
    public boolean saveUnlessNewer(ConnectionPolicy policy) {
        Query notNewer = Query.query(Criteria.where("_id").is(policy.connectionId()).and("revision")
                .lte(policy.revision()));
        try {
            mongo.replace(notNewer, ConnectionPolicyDocument.from(policy), ReplaceOptions.replaceOptions().upsert());
            return true;
        } catch (DuplicateKeyException newerStored) {
            // No document of this id with an older revision, so the upsert inserted one whose id exists.
            return false;
        }
    }

    public void delete(String connectionId) {
        mongo.remove(Query.query(Criteria.where("_id").is(connectionId)), ConnectionPolicyDocument.class);
    }
}
