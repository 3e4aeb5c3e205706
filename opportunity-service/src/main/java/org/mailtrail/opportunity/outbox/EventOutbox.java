package org.mailtrail.opportunity.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.mailtrail.events.Contract;
import org.mailtrail.events.ContractType;
import org.mailtrail.events.ContractTypes;
import org.mailtrail.platform.messaging.ContractMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes events into their documents and publishes them from there. A document that carries an
 * outbox has a list field {@value #FIELD}; {@link #pending(Contract)} makes the entry the caller
 * adds in the same update as its change, {@link #publish(String, Object)} sends what is there.
 */
@Component
public class EventOutbox {

    /** The list field, in any document, of events not yet confirmed by Kafka. */
    public static final String FIELD = "unpublishedEvents";

    static final String BINDING = "opportunityEvents";

    private static final Logger log = LoggerFactory.getLogger(EventOutbox.class);

    private final MongoTemplate mongo;
    private final StreamBridge bridge;
    private final ContractMessages messages;
    private final JsonMapper mapper;
    private final Clock clock;
    private final MeterRegistry meters;

    EventOutbox(MongoTemplate mongo, StreamBridge bridge, ContractMessages messages, JsonMapper mapper, Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.bridge = bridge;
        this.messages = messages;
        this.mapper = mapper;
        this.clock = clock;
        this.meters = meters;
    }

    /** The entry to store with a change; the event's eventId must be deterministic for the change. */
    public PendingEvent pending(Contract event) {
        return new PendingEvent(event.eventId().toString(), ContractTypes.of(event.getClass()).cloudEventType(),
                mapper.writeValueAsString(event), clock.instant());
    }

    /**
     * Publishes the document's unconfirmed events in the order they were written, removing each once
     * Kafka confirmed it. A failed send stops there and is thrown: the rest stay for a redelivery or
     * the relay, and later events of the document never overtake an earlier one.
     */
    public void publish(String collection, Object id) {
        publish(collection, id, "request");
    }

    /**
     * Like {@link #publish(String, Object)}, for callers whose change is already stored and must be
     * answered as done: a failed send is left to the relay instead of failing the caller.
     */
    public void publishOrLeaveToRelay(String collection, Object id) {
        try {
            publish(collection, id, "request");
        } catch (RuntimeException e) {
            log.warn("Events of {} {} not published now, the relay will: {}", collection, id, e.toString());
        }
    }

    /** Republishes, per collection, events that stayed unconfirmed for longer than the grace period. */
    void relay(List<String> collections, Instant writtenBefore, int limit) {
        for (String collection : collections) {
            Query stale = Query.query(Criteria.where(FIELD + ".writtenAt").lt(Date.from(writtenBefore))).limit(limit);
            stale.fields().include("_id");
            for (Document document : mongo.find(stale, Document.class, collection)) {
                try {
                    publish(collection, document.get("_id"), "relay");
                } catch (RuntimeException e) {
                    log.warn("Relay could not publish the events of {} {}: {}", collection, document.get("_id"),
                            e.toString());
                }
            }
        }
    }

    private void publish(String collection, Object id, String via) {
        Query byId = Query.query(Criteria.where("_id").is(id));
        byId.fields().include(FIELD);
        Document document = mongo.findOne(byId, Document.class, collection);
        if (document == null) {
            return;
        }
        for (Document entry : document.getList(FIELD, Document.class, List.of())) {
            String eventId = entry.getString("eventId");
            String type = entry.getString("type");
            send(type, entry.getString("payload"));
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                    new Update().pull(FIELD, new Document("eventId", eventId)), collection);
            published(type, via).increment();
        }
    }

    private void send(String type, String payload) {
        ContractType contract = ContractTypes.byCloudEventType(type)
                .orElseThrow(() -> new IllegalStateException("an outbox entry of unknown type " + type));
        Contract event = mapper.readValue(payload, contract.recordClass());
        if (!bridge.send(BINDING, messages.encode(event))) {
            throw new IllegalStateException("the " + BINDING + " binding refused event " + event.eventId());
        }
    }

    private Counter published(String type, String via) {
        String name = ContractTypes.byCloudEventType(type).map(ContractType::name).orElse(type);
        return Counter.builder("mailtrail.events.published")
                .description("Events published to opportunity.events.v1, by type and by who published them")
                .tag("type", name).tag("via", via).register(meters);
    }
}
