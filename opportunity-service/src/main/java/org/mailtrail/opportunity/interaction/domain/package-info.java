/** An interaction as this service keeps it, and how each event of the log changes it. */
package org.mailtrail.opportunity.interaction.domain;
