package org.mailtrail.opportunity.opportunities.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mailtrail.platform.outbox.OutboxEntry;

/**
 * What one change does to an opportunity, for the store to write at once: the fields it sets (by
 * the opportunity's component names; a null value clears the field) and the events it owes.
 */
public record OpportunityChange(Map<String, Object> values, List<OutboxEntry> events) {

    public OpportunityChange {
        // Not Map.copyOf: a merge patch clears a field with null.
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        events = List.copyOf(events);
    }
}
