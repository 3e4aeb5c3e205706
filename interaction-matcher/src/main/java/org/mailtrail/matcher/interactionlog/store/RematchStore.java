package org.mailtrail.matcher.interactionlog.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Re-runs of matching over held mail, in {@code rematches}. */
@Component
public class RematchStore {

    private final MongoTemplate mongo;

    public RematchStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(RematchDocument.class).createIndex(new Index().named("connection_latest_first")
                .on("connectionId", Sort.Direction.ASC).on("startedAt", Sort.Direction.DESC));
    }

    public void insert(RematchDocument rematch) {
        mongo.insert(rematch);
    }

    public Optional<RematchDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, RematchDocument.class));
    }

    /** The connection's latest re-runs, the newest first. */
    public List<RematchDocument> latest(String connectionId, int limit) {
        return mongo.find(Query.query(Criteria.where("connectionId").is(connectionId))
                .with(Sort.by(Sort.Direction.DESC, "startedAt", "_id")).limit(limit), RematchDocument.class);
    }

    public void progress(String id, long processed, long loggedLate) {
        mongo.updateFirst(byId(id), new Update().set("processed", processed).set("loggedLate", loggedLate),
                RematchDocument.class);
    }

    public void finish(String id, String status, long processed, long loggedLate, Instant at, String error) {
        mongo.updateFirst(byId(id), new Update().set("status", status).set("processed", processed)
                .set("loggedLate", loggedLate).set("finishedAt", at).set("error", error), RematchDocument.class);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
