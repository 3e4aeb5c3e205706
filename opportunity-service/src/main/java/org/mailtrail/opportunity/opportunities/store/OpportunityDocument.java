package org.mailtrail.opportunity.opportunities.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.opportunity.opportunities.domain.Opportunity;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An opportunity as stored: its fields under the names of {@link Opportunity}'s components, and
 * the events of its changes that Kafka has not confirmed yet. The unique interaction is what keeps
 * one interaction from becoming two opportunities.
 *
 * @param outbox events of its changes not yet confirmed by Kafka, oldest first
 */
@Document(OpportunityStore.COLLECTION)
@CompoundIndex(name = "newest_first", def = "{'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "contact_newest_first", def = "{'contactId': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "salesperson_newest_first", def = "{'salespersonCode': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "status_newest_first", def = "{'status': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "outbox", def = "{'outbox.writtenAt': 1}", sparse = true)
public record OpportunityDocument(
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
        List<OutboxEntry> outbox) {

    public OpportunityDocument {
        sourceInteractionIds = sourceInteractionIds == null ? List.of() : List.copyOf(sourceInteractionIds);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    public static OpportunityDocument of(Opportunity o, List<OutboxEntry> outbox) {
        return new OpportunityDocument(o.id(), o.number(), o.description(), o.contactId(), o.companyId(),
                o.salespersonCode(), o.status(), o.salesCycleCode(), o.estimatedValue(), o.currency(),
                o.probability(), o.createdAt(), o.closedAt(), o.sourceInteractionId(), o.sourceInteractionIds(),
                o.createdByCommand(), o.version(), outbox);
    }

    public Opportunity toOpportunity() {
        return new Opportunity(id, number, description, contactId, companyId, salespersonCode, status,
                salesCycleCode, estimatedValue, currency, probability, createdAt, closedAt, sourceInteractionId,
                sourceInteractionIds, createdByCommand, version);
    }
}
