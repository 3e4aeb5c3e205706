package org.mailtrail.matcher.connection.store;

import java.util.List;

import org.mailtrail.matcher.connection.domain.ConnectionPolicy;
import org.springframework.data.mongodb.core.MongoTemplate;
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

    public void save(ConnectionPolicy policy) {
        mongo.save(ConnectionPolicyDocument.from(policy));
    }

    public void delete(String connectionId) {
        mongo.remove(Query.query(Criteria.where("_id").is(connectionId)), ConnectionPolicyDocument.class);
    }
}
