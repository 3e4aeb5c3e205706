package org.mailtrail.platform.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.mailtrail.events.Contract;
import org.mailtrail.events.ContractType;
import org.mailtrail.events.ContractTypes;
import org.mailtrail.platform.messaging.ContractPublisher;
import org.mailtrail.platform.messaging.PublishFailedException;
import org.mailtrail.platform.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing after a write, without transactions: the records a change owes Kafka are stored in the
 * changed document itself, in the same single-document write (atomic in MongoDB), in a list field
 * {@value #FIELD}. Right after the write the writer calls {@link #publish}; each entry is removed only
 * once the broker confirmed it. Whatever a crash or an outage leaves behind, {@link OutboxRelay}
 * publishes later; a repeat carries the same {@code ce_id}, so subscribers drop it.
 */
public class Outbox {

    /** The list field, in any document, of records not yet confirmed by the broker. */
    public static final String FIELD = "outbox";

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final MongoTemplate mongo;
    private final ContractPublisher publisher;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Traces traces;
    private final AtomicLong leftBehind = new AtomicLong();
    private volatile Instant lastLeftBehindAt;

    public Outbox(MongoTemplate mongo, ContractPublisher publisher, JsonMapper mapper, Clock clock, Traces traces) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.mapper = mapper;
        this.clock = clock;
        this.traces = traces;
    }

    /**
     * The entry to store with a change; the event's id must be deterministic for the change. It keeps the current
     * trace context, which its record is published in and carries.
     */
    public OutboxEntry entry(Contract event) {
        ContractType type = ContractTypes.of(event.getClass());
        return new OutboxEntry(event.eventId().toString(), type.topic(), event.aggregateId(), type.cloudEventType(),
                mapper.writeValueAsString(event), clock.instant(), false, traces.traceparent());
    }

    /**
     * A tombstone to store with a deletion.
     *
     * @param id identifies this deletion, so that a repeat is recognised
     * @param removesDocument whether the deleted document goes once the tombstone is confirmed
     */
    public OutboxEntry tombstone(String topic, String key, UUID id, boolean removesDocument) {
        return new OutboxEntry(id.toString(), topic, key, null, null, clock.instant(), removesDocument,
                traces.traceparent());
    }

    /** Adds entries to an update, after any the document already owes. */
    public static Update append(Update update, List<OutboxEntry> entries) {
        if (!entries.isEmpty()) {
            update.push(FIELD).each(entries.toArray());
        }
        return update;
    }

    public static Update append(Update update, OutboxEntry entry) {
        return append(update, List.of(entry));
    }

    /** Matches documents that do not owe the record with this id yet, so a repeated change does not add it twice. */
    public static Criteria notOwing(String eventId) {
        return Criteria.where(FIELD + ".eventId").ne(eventId);
    }

    /**
     * Publishes what the document owes, in the order it was written, removing each entry once the
     * broker confirmed it. A failed send stops there and is thrown: the rest stay for a redelivery or
     * the relay, and a document's later records never overtake an earlier one.
     *
     * @throws PublishFailedException when the broker did not confirm a record
     */
    public void publish(String collection, Object id) {
        Query byId = Query.query(Criteria.where("_id").is(id));
        byId.fields().include(FIELD);
        Document document = mongo.findOne(byId, Document.class, collection);
        if (document == null) {
            return;
        }
        for (Document stored : document.getList(FIELD, Document.class, List.of())) {
            OutboxEntry entry = mongo.getConverter().read(OutboxEntry.class, stored);
            try {
                send(entry);
            } catch (RuntimeException e) {
                lastLeftBehindAt = clock.instant();
                leftBehind.incrementAndGet();
                throw e;
            }
            // A deletion whose tombstone was all the document still owed takes the document with it in
            // one write; were it two, a crash between them would leave a document nothing removes.
            boolean removed = entry.removesDocument() && mongo.remove(Query.query(Criteria.where("_id").is(id)
                    .and(FIELD).size(1).and(FIELD + ".eventId").is(entry.eventId())), collection).getDeletedCount() == 1;
            if (!removed) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                        new Update().pull(FIELD, new Document("eventId", entry.eventId())), collection);
            }
        }
    }

    /**
     * {@link #publish(String, Object)} for several documents at once: one read of what they owe, their records
     * sent together (each document's in the order it wrote them, one after the other; the documents side by side,
     * so the producer sends them in a few requests instead of one each), and one write that removes every entry
     * the broker confirmed. Records of different documents were never ordered: each has its own key. A document
     * that owes a tombstone taking it away is published on its own afterwards, the single document's way, which
     * removes it in the same write as its last entry.
     *
     * @throws PublishFailedException when the broker did not confirm a record; what it did confirm is removed first
     */
    public void publish(String collection, Collection<?> ids) {
        if (ids.size() <= 1) {
            ids.forEach(id -> publish(collection, id));
            return;
        }
        Query byIds = Query.query(Criteria.where("_id").in(ids));
        byIds.fields().include(FIELD);
        List<CompletableFuture<Sent>> sending = new ArrayList<>(ids.size());
        List<Object> removing = new ArrayList<>();
        for (Document document : mongo.find(byIds, Document.class, collection)) {
            List<OutboxEntry> entries = document.getList(FIELD, Document.class, List.of()).stream()
                    .map(stored -> mongo.getConverter().read(OutboxEntry.class, stored)).toList();
            if (entries.stream().anyMatch(OutboxEntry::removesDocument)) {
                removing.add(document.get("_id"));
            } else if (!entries.isEmpty()) {
                sending.add(publisher.alongside(() -> sendInOrder(document.get("_id"), entries)));
            }
        }
        List<Sent> sent = sending.stream().map(CompletableFuture::join).toList();
        BulkOperations confirmed = null;
        for (Sent one : sent) {
            if (one.confirmed().isEmpty()) {
                continue;
            }
            if (confirmed == null) {
                confirmed = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
            }
            confirmed.updateOne(Query.query(Criteria.where("_id").is(one.id())), new Update().pull(FIELD,
                    new Document("eventId", new Document("$in", one.confirmed().stream().map(OutboxEntry::eventId)
                            .toList()))));
        }
        if (confirmed != null) {
            confirmed.execute();
        }
        RuntimeException removalFailure = null;
        for (Object id : removing) {
            try {
                publish(collection, id);
            } catch (RuntimeException e) {
                removalFailure = removalFailure == null ? e : removalFailure;
            }
        }
        if (removalFailure != null) {
            throw removalFailure;
        }
        sent.stream().map(Sent::failure).filter(failure -> failure != null).findFirst().ifPresent(failure -> {
            lastLeftBehindAt = clock.instant();
            leftBehind.incrementAndGet();
            throw failure;
        });
    }

    /** What was sent of one document's records: the ones confirmed, and the failure that stopped the rest. */
    private record Sent(Object id, List<OutboxEntry> confirmed, RuntimeException failure) {
    }

    private Sent sendInOrder(Object id, List<OutboxEntry> entries) {
        List<OutboxEntry> confirmed = new ArrayList<>(entries.size());
        for (OutboxEntry entry : entries) {
            try {
                send(entry);
            } catch (RuntimeException e) {
                return new Sent(id, confirmed, e);
            }
            confirmed.add(entry);
        }
        return new Sent(id, confirmed, null);
    }

    /**
     * Like {@link #publish(String, Object)}, for a caller whose change is stored and must be answered
     * as done: whatever keeps the records from the broker now (the broker, or MongoDB while reading
     * them back) is left to the relay instead of failing the caller.
     *
     * @return whether everything the document owed is on the broker now
     */
    public boolean publishOrLeaveToRelay(String collection, Object id) {
        try {
            publish(collection, id);
            return true;
        } catch (RuntimeException e) {
            log.warn("Records of {} {} not published now, the outbox relay will: {}", collection, id, e.toString());
            return false;
        }
    }

    /** How many times a send failed here and left a record behind; the relay looks whenever it grows. */
    long leftBehind() {
        return leftBehind.get();
    }

    /** When a send last failed here; null if none has. */
    Instant lastLeftBehindAt() {
        return lastLeftBehindAt;
    }

    /** Sends a record in the trace of the change that wrote it, as a span of its own there. */
    private void send(OutboxEntry entry) {
        if (entry.traceparent() == null) {
            sendNow(entry);
        } else {
            traces.within(entry.traceparent(), "outbox publish", () -> sendNow(entry));
        }
    }

    private void sendNow(OutboxEntry entry) {
        if (entry.isTombstone()) {
            publisher.publishTombstone(entry.topic(), entry.key());
            return;
        }
        ContractType type = ContractTypes.byCloudEventType(entry.type())
                .orElseThrow(() -> new IllegalStateException("an outbox entry of unknown type " + entry.type()));
        publisher.publish(mapper.readValue(entry.payload(), type.recordClass()));
    }
}
