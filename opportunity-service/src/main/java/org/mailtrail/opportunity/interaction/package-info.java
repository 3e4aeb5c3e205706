/**
 * The service's own copy of the interaction log, projected from {@code interaction.events.v1}: just
 * enough of each entry to create an opportunity from it, and to know when one does not exist.
 */
package org.mailtrail.opportunity.interaction;
