/** The consumer of {@code opportunity.commands.v1}. */
package org.mailtrail.opportunity.promotion.messaging;
