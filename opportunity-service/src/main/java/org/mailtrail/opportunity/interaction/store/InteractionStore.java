package org.mailtrail.opportunity.interaction.store;

import java.util.Optional;

import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.opportunity.interaction.domain.Interaction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The interaction projection in MongoDB, one document per interactionId. */
@Component
public class InteractionStore {

    public static final String COLLECTION = "interactions";

    private final MongoTemplate mongo;

    InteractionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Interaction> find(String interactionId) {
        return Optional.ofNullable(mongo.findById(interactionId, Interaction.class, COLLECTION));
    }

    /** Inserts the entry, or brings a known one up to date. */
    public void upsert(InteractionLogged logged) {
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
        mongo.upsert(byId(logged.interactionId()), update, Interaction.class, COLLECTION);
    }

    public void changeWebLink(String interactionId, String webLink) {
        mongo.updateFirst(byId(interactionId), new Update().set("webLink", webLink), Interaction.class, COLLECTION);
    }

    public void linkToOpportunity(String interactionId, String opportunityId, String opportunityNumber) {
        mongo.updateFirst(byId(interactionId), new Update().set("opportunityId", opportunityId)
                .set("opportunityNumber", opportunityNumber), Interaction.class, COLLECTION);
    }

    /**
     * Takes the interaction away from {@code opportunityId}. Only while it still points there: a link to another
     * opportunity since is not this unlink's to undo, and a repeat finds nothing to change.
     */
    public void unlinkFromOpportunity(String interactionId, String opportunityId) {
        mongo.updateFirst(byId(interactionId).addCriteria(Criteria.where("opportunityId").is(opportunityId)),
                new Update().unset("opportunityId").unset("opportunityNumber"), Interaction.class, COLLECTION);
    }

    private static Query byId(String interactionId) {
        return Query.query(Criteria.where("_id").is(interactionId));
    }
}
