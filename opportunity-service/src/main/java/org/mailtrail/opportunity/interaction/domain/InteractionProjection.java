package org.mailtrail.opportunity.interaction.domain;

import java.util.Optional;

import org.mailtrail.events.Contract;
import org.mailtrail.events.Topics;
import org.mailtrail.events.interaction.InteractionLinkedToOpportunity;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.interaction.InteractionLoggedLate;
import org.mailtrail.events.interaction.InteractionMessageLinkChanged;
import org.mailtrail.events.interaction.InteractionUnlinkedFromOpportunity;
import org.mailtrail.opportunity.interaction.store.InteractionStore;
import org.mailtrail.platform.messaging.PoisonMessageException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Keeps the projection. Every change is keyed by interactionId and sets values rather than adding
 * to them, so a repeated event changes nothing; the topic is keyed by contact, so a contact's events
 * arrive in order.
 */
@Service
public class InteractionProjection {

    private final InteractionStore store;
    private final ApplicationEventPublisher events;

    InteractionProjection(InteractionStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    public Optional<Interaction> find(String interactionId) {
        return store.find(interactionId);
    }

    /** Applies one event of {@code interaction.events.v1}. */
    public void apply(Contract event) {
        if (event instanceof InteractionLogged logged) {
            store.upsert(logged);
            events.publishEvent(new InteractionProjected(logged.interactionId()));
        } else if (event instanceof InteractionMessageLinkChanged changed) {
            store.changeWebLink(changed.interactionId(), changed.webLink());
        } else if (event instanceof InteractionLinkedToOpportunity linked) {
            store.linkToOpportunity(linked.interactionId(), linked.opportunityId(), linked.opportunityNumber());
        } else if (event instanceof InteractionUnlinkedFromOpportunity unlinked) {
            store.unlinkFromOpportunity(unlinked.interactionId(), unlinked.opportunityId());
        } else if (event instanceof InteractionLoggedLate) {
            // Nothing to keep: the InteractionLogged before it carried the interaction, with its original time.
        } else {
            throw new PoisonMessageException(
                    event.getClass().getSimpleName() + " does not belong on " + Topics.INTERACTION_EVENTS);
        }
    }
}
