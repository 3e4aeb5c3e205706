package org.mailtrail.events.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * Create an opportunity from a logged interaction. The eventId is the command id that the
 * promotion's status is looked up by; it is derived from the Idempotency-Key when one was given,
 * so a retried request is the same command. Keyed by interactionId: one interaction's commands
 * are handled one after the other. Every field after {@code requestedBy} is optional and
 * overrides what the interaction gives.
 *
 * @param description defaults to the interaction's description (the mail's subject)
 * @param probability percent, 0 to 100
 */
public record PromoteInteraction(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String interactionId,
        String requestedBy,
        String idempotencyKey,
        String description,
        String salesCycleCode,
        BigDecimal estimatedValue,
        String currency,
        Integer probability) implements Contract {

    public static final String TYPE = "org.mailtrail.opportunity.PromoteInteraction.v1";

    public PromoteInteraction {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(interactionId, "interactionId");
    }

    @Override
    public String aggregateId() {
        return interactionId;
    }
}
