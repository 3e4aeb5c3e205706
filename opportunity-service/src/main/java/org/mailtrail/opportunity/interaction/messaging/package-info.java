/** The consumer of {@code interaction.events.v1}. */
package org.mailtrail.opportunity.interaction.messaging;
