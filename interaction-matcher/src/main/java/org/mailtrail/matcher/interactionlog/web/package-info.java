/**
 * The log's query API: interactions by contact, company, salesperson, direction and time, one
 * interaction, a contact's timeline by conversation, and a redirect to the mail itself.
 */
package org.mailtrail.matcher.interactionlog.web;
