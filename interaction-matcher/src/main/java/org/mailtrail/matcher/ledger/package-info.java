/**
 * The completeness ledger: per connection, every mail received is accounted for — logged, excluded
 * by a named rule, or failed (dead-lettered) — together with where its disposition stands.
 */
package org.mailtrail.matcher.ledger;
