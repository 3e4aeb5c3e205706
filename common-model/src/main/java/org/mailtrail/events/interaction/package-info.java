/** Contracts of the interaction log: one entry per salesperson and contact a mail connects. */
package org.mailtrail.events.interaction;
