/**
 * Promotion of a logged interaction to an opportunity, through {@code PromoteInteraction} commands
 * that this service's API and any other service publish: exactly one opportunity per interaction,
 * a status per command, and a bounded wait for interactions the projection has not seen yet.
 */
package org.mailtrail.opportunity.promotion;
