/** Delegated grants (encrypted refresh tokens) in MongoDB, one per connection. */
package org.mailtrail.config.token.store;
