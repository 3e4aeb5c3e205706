/**
 * The interaction log: one message record per mail, one interaction per mail, contact and
 * salesperson, exactly one disposition per mail, and the events that tell subscribers about
 * each — published at least once, never lost, recognisable when repeated.
 */
package org.mailtrail.matcher.interactionlog;
