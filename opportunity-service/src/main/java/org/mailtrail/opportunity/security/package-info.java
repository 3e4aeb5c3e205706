/**
 * Who may call what, and whose opportunities a caller sees: salespeople and sales managers use the API; a sales
 * manager sees every salesperson's opportunities, a salesperson its own. Which salespeople a signed-in person is,
 * the directory says: the matcher answers it for the caller's own token.
 */
package org.mailtrail.opportunity.security;
