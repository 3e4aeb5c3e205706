package org.mailtrail.opportunity.promotion.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.mailtrail.events.EventIds;
import org.mailtrail.events.opportunity.PromoteInteraction;
import org.mailtrail.events.opportunity.PromotionRejected;
import org.mailtrail.events.opportunity.RejectionReason;
import org.mailtrail.opportunity.OpportunityServiceProperties;
import org.mailtrail.opportunity.interaction.domain.Interaction;
import org.mailtrail.opportunity.interaction.domain.InteractionProjected;
import org.mailtrail.opportunity.interaction.domain.InteractionProjection;
import org.mailtrail.opportunity.opportunities.domain.Opportunities;
import org.mailtrail.opportunity.opportunities.domain.OpportunityTerms;
import org.mailtrail.opportunity.opportunities.domain.PromotedOpportunity;
import org.mailtrail.opportunity.promotion.store.PromotionStore;
import org.mailtrail.platform.messaging.ContractPublisher;
import org.mailtrail.platform.messaging.PoisonMessageException;
import org.mailtrail.platform.messaging.PublishFailedException;
import org.mailtrail.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Timer;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Decides promotions. Every path that can decide one (a delivery of the command, the arrival of
 * its interaction, the sweep of waiting commands) goes through {@link #complete} or {@link #reject},
 * which write the outcome only over PENDING: however they race, a command ends once, and an
 * interaction has one opportunity (its id is derived from the interaction and unique).
 */
@Service
public class Promotions {

    static final int SCHEMA_VERSION = 1;
    static final int MAX_ID_LENGTH = 200;

    private static final Logger log = LoggerFactory.getLogger(Promotions.class);
    private static final int SWEEP_BATCH = 500;

    private final PromotionStore store;
    private final InteractionProjection interactions;
    private final Opportunities opportunities;
    private final Outbox outbox;
    private final ContractPublisher publisher;
    private final PromotionMetrics metrics;
    private final Validator validator;
    private final OpportunityServiceProperties properties;
    private final Clock clock;

    Promotions(PromotionStore store, InteractionProjection interactions, Opportunities opportunities,
            Outbox outbox, ContractPublisher publisher, PromotionMetrics metrics, Validator validator,
            OpportunityServiceProperties properties, Clock clock) {
        this.store = store;
        this.interactions = interactions;
        this.opportunities = opportunities;
        this.outbox = outbox;
        this.publisher = publisher;
        this.metrics = metrics;
        this.validator = validator;
        this.properties = properties;
        this.clock = clock;
    }

    /** The command id of a request: derived from the Idempotency-Key when one was given, so a retry is the same command. */
    public static UUID commandId(String interactionId, String idempotencyKey) {
        return idempotencyKey == null ? UUID.randomUUID()
                : EventIds.of(PromoteInteraction.TYPE, interactionId, idempotencyKey);
    }

    public Promotion get(String commandId) {
        return store.find(commandId).orElseThrow(() -> new PromotionNotFoundException(commandId));
    }

    /**
     * A promotion requested over the API: publishes the command and registers it as PENDING, so its
     * status can be read at once. A request repeated with its Idempotency-Key returns the promotion
     * the first one started, without publishing again; the same key with another request is refused.
     *
     * @throws CommandNotPublishedException when Kafka did not confirm the command
     */
    public Promotion request(String interactionId, String idempotencyKey, String requestedBy, OpportunityTerms terms) {
        UUID commandId = commandId(interactionId, idempotencyKey);
        String fingerprint = fingerprint(interactionId, terms);
        Optional<Promotion> existing = store.find(commandId.toString());
        if (existing.isPresent()) {
            if (!fingerprint.equals(existing.get().fingerprint())) {
                throw new IdempotencyKeyReusedException(idempotencyKey);
            }
            return existing.get();
        }
        PromoteInteraction command = new PromoteInteraction(commandId, clock.instant(), SCHEMA_VERSION, interactionId,
                requestedBy, idempotencyKey, terms.description(), terms.salesCycleCode(), terms.estimatedValue(),
                terms.currency(), terms.probability());
        // Published before it is registered: a promotion the API shows always has its command on
        // the topic. The consumer registers it too, so a crash in between loses nothing.
        try {
            publisher.publish(command);
        } catch (PublishFailedException e) {
            throw new CommandNotPublishedException(e);
        }
        return store.register(command, terms, fingerprint);
    }

    /**
     * Handles one delivery of a command, from this service's API or any other service. An invalid
     * command is rejected (INVALID_COMMAND, so its requester learns why) and then thrown as poison,
     * which sends it to the dead-letter topic with the cause.
     */
    public void handle(PromoteInteraction command) {
        Timer.Sample sample = Timer.start();
        String result = "failed";
        try {
            result = decide(command);
        } catch (PoisonMessageException e) {
            result = "invalid";
            throw e;
        } finally {
            sample.stop(metrics.handled(result));
        }
    }

    private String decide(PromoteInteraction command) {
        OpportunityTerms terms = new OpportunityTerms(command.description(), command.salesCycleCode(),
                command.estimatedValue(), command.currency(), command.probability());
        Promotion promotion = store.register(command, terms, fingerprint(command.interactionId(), terms));
        if (promotion.status() != PromotionStatus.PENDING) {
            // Decided by an earlier delivery, which may have died before its events were published.
            publishEventsOf(promotion);
            return "repeat";
        }
        List<String> problems = validate(command, terms);
        if (!problems.isEmpty()) {
            String detail = String.join("; ", problems);
            reject(promotion, RejectionReason.INVALID_COMMAND, detail);
            outbox.publish(PromotionStore.COLLECTION, promotion.id());
            throw new PoisonMessageException("invalid PromoteInteraction " + command.eventId() + ": " + detail);
        }
        Optional<Interaction> interaction = interactions.find(command.interactionId());
        if (interaction.isEmpty()) {
            // The matcher's event may still be on its way: park the command instead of blocking the
            // partition; the interaction's arrival or the sweep decides it.
            store.waitForInteraction(promotion.id(), clock.instant().plus(properties.interactionWait()));
            return "waiting";
        }
        complete(promotion, interaction.get());
        opportunities.publishEvents(Opportunities.idFor(command.interactionId()));
        return "completed";
    }

    /** Completes the promotions that were waiting for an interaction that has just been projected. */
    @EventListener
    void interactionProjected(InteractionProjected projected) {
        List<Promotion> pending = store.pendingFor(projected.interactionId());
        if (pending.isEmpty()) {
            return;
        }
        Interaction interaction = interactions.find(projected.interactionId()).orElseThrow();
        pending.forEach(promotion -> complete(promotion, interaction));
        opportunities.publishEventsOrLeaveToRelay(Opportunities.idFor(interaction.id()));
    }

    /**
     * Decides the promotions that are waiting for their interaction: accepted if it has arrived
     * meanwhile (in case its arrival could not complete them), rejected with INTERACTION_NOT_FOUND
     * once their wait is over.
     */
    void sweep() {
        Instant now = clock.instant();
        for (Promotion promotion : store.waiting(SWEEP_BATCH)) {
            try {
                Optional<Interaction> interaction = interactions.find(promotion.interactionId());
                if (interaction.isPresent()) {
                    complete(promotion, interaction.get());
                    opportunities.publishEventsOrLeaveToRelay(Opportunities.idFor(promotion.interactionId()));
                } else if (!promotion.waitUntil().isAfter(now)) {
                    reject(promotion, RejectionReason.INTERACTION_NOT_FOUND, "interaction " + promotion.interactionId()
                            + " was not in the interaction log within " + properties.interactionWait());
                    outbox.publishOrLeaveToRelay(PromotionStore.COLLECTION, promotion.id());
                }
            } catch (RuntimeException e) {
                // The next sweep tries again; one promotion must not hold up the others.
                log.warn("Could not decide waiting promotion {}: {}", promotion.id(), e.toString());
            }
        }
    }

    private void complete(Promotion promotion, Interaction interaction) {
        PromotedOpportunity promoted = opportunities.promote(interaction, promotion.id(), promotion.terms());
        if (store.accept(promotion.id(), promoted.opportunity(), clock.instant())) {
            metrics.accepted(promoted.created(), promotion.requestedAt());
        }
    }

    private void reject(Promotion promotion, RejectionReason reason, String detail) {
        Instant now = clock.instant();
        PromotionRejected rejected = new PromotionRejected(EventIds.of(PromotionRejected.TYPE, promotion.id()), now,
                SCHEMA_VERSION, promotion.interactionId(), UUID.fromString(promotion.id()), reason, detail);
        if (store.reject(promotion.id(), reason, detail, now, outbox.entry(rejected))) {
            metrics.rejected(reason, promotion.requestedAt());
        }
    }

    private void publishEventsOf(Promotion promotion) {
        outbox.publish(PromotionStore.COLLECTION, promotion.id());
        if (promotion.opportunityId() != null) {
            opportunities.publishEvents(promotion.opportunityId());
        }
    }

    private List<String> validate(PromoteInteraction command, OpportunityTerms terms) {
        List<String> problems = new ArrayList<>();
        if (command.interactionId().isBlank() || command.interactionId().length() > MAX_ID_LENGTH) {
            problems.add("interactionId: must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        for (ConstraintViolation<OpportunityTerms> violation : validator.validate(terms)) {
            problems.add(violation.getPropertyPath() + ": " + violation.getMessage());
        }
        problems.sort(null);
        return problems;
    }

    /** What a request asks for, so a retry with the same Idempotency-Key can be told from a reuse. */
    static String fingerprint(String interactionId, OpportunityTerms terms) {
        String canonical = String.join("\u001f", interactionId, String.valueOf(terms.description()),
                String.valueOf(terms.salesCycleCode()), amount(terms.estimatedValue()), String.valueOf(terms.currency()),
                String.valueOf(terms.probability()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String amount(BigDecimal value) {
        return value == null ? "null" : value.stripTrailingZeros().toPlainString();
    }
}
