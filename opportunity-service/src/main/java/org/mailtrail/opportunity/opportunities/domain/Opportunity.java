package org.mailtrail.opportunity.opportunities.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.opportunity.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A sales opportunity. Its id is derived from the interaction it was promoted from, and that
 * interaction is unique across opportunities: one interaction never becomes two opportunities.
 *
 * @param number the human-readable number users quote, {@code OP-000001} onwards
 * @param sourceInteractionId the interaction it was promoted from
 * @param sourceInteractionIds every interaction it stands for (today: the one it was promoted from)
 * @param createdByCommand the PromoteInteraction that created it
 * @param version increases with every change; the ETag clients send back in If-Match
 * @param unpublishedEvents events of its changes that Kafka has not confirmed yet
 */
@Document("opportunities")
@CompoundIndex(name = "newest_first", def = "{'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "contact_newest_first", def = "{'contactId': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "salesperson_newest_first", def = "{'salespersonCode': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "status_newest_first", def = "{'status': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "unpublished_events", def = "{'unpublishedEvents.writtenAt': 1}", sparse = true)
public record Opportunity(
        @Id String id,
        @Indexed(unique = true) String number,
        String description,
        String contactId,
        String companyId,
        String salespersonCode,
        OpportunityStatus status,
        String salesCycleCode,
        BigDecimal estimatedValue,
        String currency,
        Integer probability,
        Instant createdAt,
        Instant closedAt,
        @Indexed(unique = true) String sourceInteractionId,
        List<String> sourceInteractionIds,
        String createdByCommand,
        long version,
        List<PendingEvent> unpublishedEvents) {

    public Opportunity {
        sourceInteractionIds = sourceInteractionIds == null ? List.of() : List.copyOf(sourceInteractionIds);
        unpublishedEvents = unpublishedEvents == null ? List.of() : List.copyOf(unpublishedEvents);
    }

    public boolean isClosed() {
        return StatusTransitions.isClosed(status);
    }

    /** The strong ETag of this version. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
