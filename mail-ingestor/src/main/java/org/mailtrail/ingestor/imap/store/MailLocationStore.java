package org.mailtrail.ingestor.imap.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mailtrail.ingestor.imap.domain.MailLocation;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Where each IMAP mail was last seen, one document per connection and immutable id (unique). Written by upserts that
 * set the whole location, so writing the same place twice changes nothing, and any instance may read it (the content
 * endpoint answers on every instance). A location may be stale (someone moved the mail by hand): readers check it
 * and search by Message-ID when it is.
 */
@Repository
public class MailLocationStore {

    @Document("imapMailLocations")
    @CompoundIndex(name = "mail", def = "{'connectionId': 1, 'immutableId': 1}", unique = true)
    record MailLocationDocument(@Id String id, String connectionId, String immutableId, String internetMessageId,
            String folder, long uidValidity, long uid, String movingTo, Instant updatedAt) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    public MailLocationStore(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public void record(MailLocation location) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id(location.connectionId(), location.immutableId()))),
                update(location), MailLocationDocument.class);
    }

    private Update update(MailLocation location) {
        return new Update().set("connectionId", location.connectionId())
                .set("immutableId", location.immutableId()).set("internetMessageId", location.internetMessageId())
                .set("folder", location.folder()).set("uidValidity", location.uidValidity())
                .set("uid", location.uid()).set("updatedAt", clock.instant());
    }

    /**
     * Notes, before the mails are moved or copied, the folder they go to: a try that stops half way (a crash after a
     * COPY, before the EXPUNGE) leaves the note, and the next try looks in that folder before it copies again. Only
     * {@link #moved} clears it.
     */
    public void movingTo(String connectionId, List<MailLocation> locations, String folder) {
        if (locations.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, MailLocationDocument.class);
        for (MailLocation location : locations) {
            bulk.upsert(Query.query(Criteria.where("_id").is(id(connectionId, location.immutableId()))),
                    new Update().set("connectionId", connectionId).set("immutableId", location.immutableId())
                            .setOnInsert("internetMessageId", location.internetMessageId())
                            .setOnInsert("folder", location.folder()).setOnInsert("uidValidity", location.uidValidity())
                            .setOnInsert("uid", location.uid()).set("movingTo", folder)
                            .set("updatedAt", clock.instant()));
        }
        bulk.execute();
    }

    /** The mail was moved there: its new location, and no move begun any more. */
    public void moved(MailLocation location) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id(location.connectionId(), location.immutableId()))),
                update(location).unset("movingTo"), MailLocationDocument.class);
    }

    /** Each location as {@link #record} writes it, in one round trip to the database. */
    public void recordAll(List<MailLocation> locations) {
        if (locations.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, MailLocationDocument.class);
        for (MailLocation location : locations) {
            bulk.upsert(Query.query(Criteria.where("_id").is(id(location.connectionId(), location.immutableId()))),
                    update(location));
        }
        bulk.execute();
    }

    public Optional<MailLocation> find(String connectionId, String immutableId) {
        return Optional.ofNullable(mongo.findById(id(connectionId, immutableId), MailLocationDocument.class))
                .map(d -> new MailLocation(d.connectionId(), d.immutableId(), d.internetMessageId(), d.folder(),
                        d.uidValidity(), d.uid(), d.movingTo()));
    }

    /** The mail is gone from the mailbox (deleted). */
    public void forget(String connectionId, String immutableId) {
        mongo.remove(Query.query(Criteria.where("_id").is(id(connectionId, immutableId))), MailLocationDocument.class);
    }

    private static String id(String connectionId, String immutableId) {
        return connectionId + "|" + immutableId;
    }
}
