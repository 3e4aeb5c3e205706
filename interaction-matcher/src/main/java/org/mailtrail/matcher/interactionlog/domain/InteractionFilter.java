package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;

import org.mailtrail.events.interaction.Direction;

/**
 * Which interactions a query wants, and whose it may return; every filter field is optional, and {@code to} is
 * exclusive.
 */
public record InteractionFilter(String contactId, String companyId, String salespersonCode, Direction direction,
        String connectionId, Instant from, Instant to, Viewer viewer) {
}
