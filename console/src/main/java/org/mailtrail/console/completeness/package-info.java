/**
 * The completeness ledger for administrators: per connection, where every mail received went, where it stands in
 * the mailbox, and which mails failed and why.
 */
package org.mailtrail.console.completeness;
