package org.mailtrail.opportunity.opportunities.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.mailtrail.events.EventIds;
import org.mailtrail.events.opportunity.OpportunityCreated;
import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.events.opportunity.OpportunityStatusChanged;
import org.mailtrail.opportunity.interaction.domain.Interaction;
import org.mailtrail.opportunity.opportunities.domain.InvalidChangeException.Violation;
import org.mailtrail.opportunity.opportunities.store.OpportunityNumbers;
import org.mailtrail.opportunity.opportunities.store.OpportunityStore;
import org.mailtrail.opportunity.outbox.EventOutbox;
import org.mailtrail.platform.web.Cursor;
import org.mailtrail.platform.web.Page;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Creates opportunities from interactions, and changes them as their owners work them. */
@Service
public class Opportunities {

    static final int SCHEMA_VERSION = 1;

    private final OpportunityStore store;
    private final OpportunityNumbers numbers;
    private final EventOutbox outbox;
    private final Clock clock;

    Opportunities(OpportunityStore store, OpportunityNumbers numbers, EventOutbox outbox, Clock clock) {
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
     * OpportunityCreated event is stored with the opportunity; the caller publishes it.
     */
    public Promoted promote(Interaction interaction, String commandId, OpportunityTerms terms) {
        String id = idFor(interaction.id());
        Optional<Opportunity> existing = store.find(id);
        if (existing.isPresent()) {
            return new Promoted(existing.get(), false);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String description = terms.description() != null ? terms.description() : interaction.description();
        OpportunityCreated created = new OpportunityCreated(EventIds.of(OpportunityCreated.TYPE, id), now,
                SCHEMA_VERSION, id, numbers.next(), interaction.id(), UUID.fromString(commandId),
                interaction.contactId(), interaction.companyId(), interaction.salespersonCode(), description,
                OpportunityStatus.NOT_STARTED, terms.salesCycleCode(), terms.estimatedValue(), terms.currency(),
                terms.probability());
        Opportunity opportunity = new Opportunity(id, created.number(), description, interaction.contactId(),
                interaction.companyId(), interaction.salespersonCode(), OpportunityStatus.NOT_STARTED,
                terms.salesCycleCode(), terms.estimatedValue(), terms.currency(), terms.probability(), now, null,
                interaction.id(), List.of(interaction.id()), commandId, 0, List.of(outbox.pending(created)));
        try {
            store.insert(opportunity);
            return new Promoted(opportunity, true);
        } catch (DuplicateKeyException e) {
            // Promoted at the same moment by another path (a waiting promotion completing as its
            // interaction arrived): the one that got in is the opportunity.
            return new Promoted(store.find(id).orElseThrow(() -> e), false);
        }
    }

    /**
     * Applies a merge patch. {@code ifMatch} is the client's If-Match header, when it sent one.
     * Only a status change is an event; it is stored with the change and published after it.
     */
    public Opportunity change(String id, String ifMatch, OpportunityPatch patch) {
        List<Violation> violations = new ArrayList<>();
        patch.unknownFields().forEach(field -> violations.add(new Violation(field, "not a field that can be changed")));
        if (patch.has("status") && patch.status() == null) {
            violations.add(new Violation("status", "must not be null"));
        }
        if (patch.has("description") && patch.description() == null) {
            violations.add(new Violation("description", "must not be null"));
        }
        Opportunity current = get(id);
        Merged merged = merge(current, patch, violations);
        if (!violations.isEmpty()) {
            throw new InvalidChangeException(violations);
        }
        if (ifMatch != null && !matches(ifMatch, current)) {
            throw new StaleVersionException(current.etag());
        }
        OpportunityStatus status = merged.status();
        boolean statusChanges = status != current.status();
        if (!statusChanges && merged.update().getUpdateObject().isEmpty()) {
            return current;
        }
        if (statusChanges && !StatusTransitions.allowed(current.status(), status)) {
            throw new InvalidTransitionException(current.status(), status);
        }
        if (current.isClosed()) {
            throw new OpportunityClosedException(current.number(), current.status());
        }
        Update update = merged.update();
        if (statusChanges) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Instant closedAt = StatusTransitions.isClosed(status) ? now : null;
            update.set("status", status);
            if (closedAt != null) {
                update.set("closedAt", closedAt);
            }
            OpportunityStatusChanged changed = new OpportunityStatusChanged(
                    EventIds.of(OpportunityStatusChanged.TYPE, id, String.valueOf(current.version() + 1)), now,
                    SCHEMA_VERSION, id, current.status(), status, closedAt);
            update.push(EventOutbox.FIELD, outbox.pending(changed));
        }
        Opportunity saved = store.updateIfAt(id, current.version(), update).orElseThrow(() -> ifMatch != null
                ? new StaleVersionException(get(id).etag())
                : new ConcurrentChangeException(id));
        if (statusChanges) {
            outbox.publishOrLeaveToRelay(OpportunityStore.COLLECTION, id);
        }
        return saved;
    }

    /** The fields a patch really changes (besides the status), and the status it asks for. */
    private record Merged(Update update, OpportunityStatus status) {
    }

    private static Merged merge(Opportunity current, OpportunityPatch patch, List<Violation> violations) {
        Update update = new Update();
        setIfChanged(update, patch, "description", current.description(), patch.description());
        setIfChanged(update, patch, "salesCycleCode", current.salesCycleCode(), patch.salesCycleCode());
        setIfChanged(update, patch, "probability", current.probability(), patch.probability());
        BigDecimal value = patch.has("estimatedValue") ? patch.estimatedValue() : current.estimatedValue();
        String currency = patch.has("currency") ? patch.currency() : current.currency();
        if (value == null && patch.has("estimatedValue") && !patch.has("currency")) {
            // Clearing the amount clears its currency, which means nothing on its own.
            currency = null;
        }
        if (value != null && currency == null) {
            violations.add(new Violation("currency", "required with estimatedValue"));
        } else if (value == null && currency != null) {
            violations.add(new Violation("estimatedValue", "required with currency"));
        }
        if (!sameAmount(value, current.estimatedValue())) {
            update.set("estimatedValue", value);
        }
        if (!Objects.equals(currency, current.currency())) {
            update.set("currency", currency);
        }
        OpportunityStatus status = patch.has("status") && patch.status() != null ? patch.status() : current.status();
        return new Merged(update, status);
    }

    private static void setIfChanged(Update update, OpportunityPatch patch, String field, Object current,
            Object patched) {
        if (patch.has(field) && !Objects.equals(current, patched)) {
            update.set(field, patched);
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
