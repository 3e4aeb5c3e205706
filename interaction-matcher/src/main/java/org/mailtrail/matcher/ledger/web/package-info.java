/** The ledger over HTTP, per connection. */
package org.mailtrail.matcher.ledger.web;
