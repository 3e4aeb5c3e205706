/** The consumer of {@code opportunity.commands.v1}, and the publisher of the API's commands. */
package org.mailtrail.opportunity.promotion.messaging;
