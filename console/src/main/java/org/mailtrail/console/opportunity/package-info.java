/**
 * Opportunities as salespeople and their managers make and work them: an interaction log entry promoted through a
 * form (one promotion however often it is sent, its outcome followed live), the person's opportunities listed, and
 * one opportunity with the entries it came from and the status changes the service allows; and a sales manager's
 * undoing of an entry's link to an opportunity that the matcher made by the conversation.
 */
package org.mailtrail.console.opportunity;
