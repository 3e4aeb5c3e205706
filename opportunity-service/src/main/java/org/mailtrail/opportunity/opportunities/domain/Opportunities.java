package org.mailtrail.opportunity.opportunities.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.mailtrail.events.EventIds;
import org.mailtrail.events.opportunity.OpportunityCreated;
import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.events.opportunity.OpportunityStatusChanged;
import org.mailtrail.opportunity.interaction.domain.Interaction;
import org.mailtrail.opportunity.opportunities.store.OpportunityNumbers;
import org.mailtrail.opportunity.opportunities.store.OpportunityStore;
import org.mailtrail.platform.messaging.PublishFailedException;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.InvalidRequestException;
import org.mailtrail.platform.web.Cursor;
import org.mailtrail.platform.web.Page;
import org.springframework.stereotype.Service;

/** Creates opportunities from interactions, and changes them as their owners work them. */
@Service
public class Opportunities {

    static final int SCHEMA_VERSION = 1;

    private final OpportunityStore store;
    private final OpportunityNumbers numbers;
    private final Outbox outbox;
    private final Clock clock;

    Opportunities(OpportunityStore store, OpportunityNumbers numbers, Outbox outbox, Clock clock) {
        this.store = store;
        this.numbers = numbers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The id of the one opportunity an interaction can become. */
    public static String idFor(String interactionId) {
        return EventIds.of("org.mailtrail.opportunity.Opportunity", interactionId).toString();
    }

    public Opportunity get(String id) {
        return store.find(id).orElseThrow(() -> new OpportunityNotFoundException(id));
    }

    public Page<Opportunity> list(OpportunityFilter filter, String cursor, int limit) {
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        List<Opportunity> found = store.list(filter, after, limit + 1);
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        Opportunity last = found.get(limit - 1);
        return new Page<>(found.subList(0, limit), new Cursor(last.createdAt(), last.id()).encode());
    }

    /**
     * The interaction's opportunity: created with the interaction's contact, company and salesperson
     * and the terms given, or the one that already exists, which is then left exactly as it is. The
     * OpportunityCreated event is stored with the opportunity; the caller publishes it
     * ({@link #publishEvents}).
     */
    public PromotedOpportunity promote(Interaction interaction, String commandId, OpportunityTerms terms) {
        String id = idFor(interaction.id());
        Optional<Opportunity> existing = store.find(id);
        if (existing.isPresent()) {
            return new PromotedOpportunity(existing.get(), false);
        }
        OpportunityCreated created = creationOf(id, interaction, commandId, terms);
        Opportunity opportunity = Opportunity.createdBy(created);
        if (store.insertIfAbsent(opportunity, outbox.entry(created))) {
            return new PromotedOpportunity(opportunity, true);
        }
        // Promoted at the same moment by another path (a waiting promotion completing as its
        // interaction arrived): the one that got in is the opportunity.
        return new PromotedOpportunity(store.find(id).orElseThrow(
                () -> new IllegalStateException("opportunity " + id + " was neither inserted nor found")), false);
    }

    private OpportunityCreated creationOf(String id, Interaction interaction, String commandId,
            OpportunityTerms terms) {
        UUID eventId = EventIds.of(OpportunityCreated.TYPE, id);
        String number = numbers.next();
        String description = terms.description() != null ? terms.description() : interaction.description();
        return new OpportunityCreated(eventId, clock.instant(), SCHEMA_VERSION, id, number,
                interaction.id(), UUID.fromString(commandId),
                interaction.contactId(), interaction.companyId(), interaction.salespersonCode(),
                description, OpportunityStatus.NOT_STARTED,
                terms.salesCycleCode(), terms.estimatedValue(), terms.currency(), terms.probability());
    }

    /**
     * Publishes the events the opportunity still owes, in the order they were written.
     *
     * @throws PublishFailedException when Kafka did not confirm one; it and any later ones stay for a
     *         redelivery or the relay
     */
    public void publishEvents(String opportunityId) {
        outbox.publish(OpportunityStore.COLLECTION, opportunityId);
    }

    /** {@link #publishEvents}, for a caller whose change is done whether or not Kafka takes them now. */
    public void publishEventsOrLeaveToRelay(String opportunityId) {
        outbox.publishOrLeaveToRelay(OpportunityStore.COLLECTION, opportunityId);
    }

    /**
     * Applies a merge patch. {@code ifMatch} is the client's If-Match header, when it sent one.
     * Only a status change is an event; it is stored with the change and published after it.
     */
    public Opportunity change(String id, String ifMatch, OpportunityPatch patch) {
        List<FieldProblem> problems = new ArrayList<>();
        patch.unknownFields()
                .forEach(field -> problems.add(new FieldProblem(field, "not a field that can be changed")));
        if (patch.has("status") && patch.status() == null) {
            problems.add(new FieldProblem("status", "must not be null"));
        }
        if (patch.has("description") && patch.description() == null) {
            problems.add(new FieldProblem("description", "must not be null"));
        }
        Opportunity current = get(id);
        Merged merged = merge(current, patch, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        if (ifMatch != null && !matches(ifMatch, current)) {
            throw new StaleVersionException(current.etag());
        }
        OpportunityStatus status = merged.status();
        boolean statusChanges = status != current.status();
        if (!statusChanges && merged.values().isEmpty()) {
            return current;
        }
        if (statusChanges && !StatusTransitions.allowed(current.status(), status)) {
            throw new InvalidTransitionException(current.status(), status);
        }
        if (current.isClosed()) {
            throw new OpportunityClosedException(current.number(), current.status());
        }
        Map<String, Object> values = new LinkedHashMap<>(merged.values());
        List<OutboxEntry> events = new ArrayList<>();
        if (statusChanges) {
            Instant now = clock.instant();
            Instant closedAt = StatusTransitions.isClosed(status) ? now : null;
            values.put("status", status);
            if (closedAt != null) {
                values.put("closedAt", closedAt);
            }
            events.add(outbox.entry(new OpportunityStatusChanged(
                    EventIds.of(OpportunityStatusChanged.TYPE, id, String.valueOf(current.version() + 1)), now,
                    SCHEMA_VERSION, id, current.status(), status, closedAt)));
        }
        Opportunity saved = store.applyChange(id, current.version(), new OpportunityChange(values, events))
                .orElseThrow(() -> ifMatch != null
                        ? new StaleVersionException(get(id).etag())
                        : new ConcurrentOpportunityChangeException(id));
        if (statusChanges) {
            publishEventsOrLeaveToRelay(id);
        }
        return saved;
    }

    /** The fields a patch really changes (besides the status), and the status it asks for. */
    private record Merged(Map<String, Object> values, OpportunityStatus status) {
    }

    private static Merged merge(Opportunity current, OpportunityPatch patch, List<FieldProblem> problems) {
        Map<String, Object> values = new LinkedHashMap<>();
        setIfChanged(values, patch, "description", current.description(), patch.description());
        setIfChanged(values, patch, "salesCycleCode", current.salesCycleCode(), patch.salesCycleCode());
        setIfChanged(values, patch, "probability", current.probability(), patch.probability());
        BigDecimal value = patch.has("estimatedValue") ? patch.estimatedValue() : current.estimatedValue();
        String currency = patch.has("currency") ? patch.currency() : current.currency();
        if (value == null && patch.has("estimatedValue") && !patch.has("currency")) {
            // Clearing the amount clears its currency, which means nothing on its own.
            currency = null;
        }
        if (value != null && currency == null) {
            problems.add(new FieldProblem("currency", "required with estimatedValue"));
        } else if (value == null && currency != null) {
            problems.add(new FieldProblem("estimatedValue", "required with currency"));
        }
        if (!sameAmount(value, current.estimatedValue())) {
            values.put("estimatedValue", value);
        }
        if (!Objects.equals(currency, current.currency())) {
            values.put("currency", currency);
        }
        OpportunityStatus status = patch.has("status") && patch.status() != null ? patch.status() : current.status();
        return new Merged(values, status);
    }

    private static void setIfChanged(Map<String, Object> values, OpportunityPatch patch, String field, Object current,
            Object patched) {
        if (patch.has(field) && !Objects.equals(current, patched)) {
            values.put(field, patched);
        }
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** If-Match: {@code *} or a list of strong ETags; a weak ETag never matches (RFC 9110 13.1.1). */
    private static boolean matches(String ifMatch, Opportunity current) {
        return Arrays.stream(ifMatch.split(",")).map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.equals(current.etag()));
    }
}
