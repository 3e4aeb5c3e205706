package org.mailtrail.opportunity.interaction.domain;

import java.util.Optional;

import org.mailtrail.events.Contract;
import org.mailtrail.events.Topics;
import org.mailtrail.events.interaction.InteractionLinkedToOpportunity;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.interaction.InteractionMessageLinkChanged;
import org.mailtrail.platform.messaging.PoisonMessageException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Keeps the projection. Every change is an upsert or a set keyed by interactionId, so a repeated
 * event changes nothing; the topic is keyed by contact, so a contact's events arrive in order.
 */
@Service
public class InteractionProjection {

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher events;

    InteractionProjection(MongoTemplate mongo, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.events = events;
    }

    public Optional<Interaction> find(String interactionId) {
        return Optional.ofNullable(mongo.findById(interactionId, Interaction.class));
    }

    /** Applies one event of {@code interaction.events.v1}. */
    public void apply(Contract event) {
        if (event instanceof InteractionLogged logged) {
            logged(logged);
        } else if (event instanceof InteractionMessageLinkChanged changed) {
            mongo.updateFirst(byId(changed.interactionId()), new Update().set("webLink", changed.webLink()),
                    Interaction.class);
        } else if (event instanceof InteractionLinkedToOpportunity linked) {
            mongo.updateFirst(byId(linked.interactionId()), new Update().set("opportunityId", linked.opportunityId())
                    .set("opportunityNumber", linked.opportunityNumber()), Interaction.class);
        } else {
            throw new PoisonMessageException(
                    event.getClass().getSimpleName() + " does not belong on " + Topics.INTERACTION_EVENTS);
        }
    }

    private void logged(InteractionLogged logged) {
        // $set rather than a replacement: a repeated InteractionLogged must not erase the link to
        // an opportunity that a later event of the same entry added.
        Update update = new Update()
                .set("contactId", logged.contactId())
                .set("companyId", logged.companyId())
                .set("salespersonCode", logged.salespersonCode())
                .set("connectionId", logged.connectionId())
                .set("internetMessageId", logged.internetMessageId())
                .set("direction", logged.direction())
                .set("interactionAt", logged.interactionAt())
                .set("description", logged.description())
                .set("loggedAt", logged.occurredAt());
        if (logged.webLink() != null) {
            update.set("webLink", logged.webLink());
        }
        mongo.upsert(byId(logged.interactionId()), update, Interaction.class);
        events.publishEvent(new InteractionProjected(logged.interactionId()));
    }

    private static Query byId(String interactionId) {
        return Query.query(Criteria.where("_id").is(interactionId));
    }
}
