package org.mailtrail.opportunity.opportunities.domain;

/**
 * The opportunity of a promoted interaction.
 *
 * @param created whether this promotion created it, or found it already there
 */
public record PromotedOpportunity(Opportunity opportunity, boolean created) {
}
