package org.mailtrail.opportunity.interaction.domain;

/**
 * Published in-process once an interaction is in the projection, so that promotions waiting for
 * it complete at once. Listeners run on the consumer's thread: their failure is the event's failure.
 */
public record InteractionProjected(String interactionId) {
}
