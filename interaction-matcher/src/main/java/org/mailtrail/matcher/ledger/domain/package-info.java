/** The ledger's accounting: per connection, where every mail received went. */
package org.mailtrail.matcher.ledger.domain;
