package org.mailtrail.opportunity.opportunities.domain;

import java.util.Set;

import org.mailtrail.events.opportunity.OpportunityStatus;

/**
 * Which opportunities a list shows, and whose it may show; a null criterion does not filter.
 *
 * @param visibleTo the salespeople whose opportunities the reader may see; null for every salesperson's
 */
public record OpportunityFilter(String contactId, String salespersonCode, OpportunityStatus status,
        Set<String> visibleTo) {
}
