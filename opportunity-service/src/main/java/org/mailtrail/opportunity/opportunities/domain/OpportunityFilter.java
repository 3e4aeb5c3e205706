package org.mailtrail.opportunity.opportunities.domain;

import org.mailtrail.events.opportunity.OpportunityStatus;

/** Which opportunities a list shows; a null criterion does not filter. */
public record OpportunityFilter(String contactId, String salespersonCode, OpportunityStatus status) {
}
