/**
 * Sales opportunities: created from a promoted interaction, then moved through NOT_STARTED,
 * IN_PROGRESS and WON or LOST by the people who work them.
 */
package org.mailtrail.opportunity.opportunities;
