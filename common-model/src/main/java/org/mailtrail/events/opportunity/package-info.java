/** Contracts of the opportunity service: the command that promotes an interaction, and what came of it. */
package org.mailtrail.events.opportunity;
