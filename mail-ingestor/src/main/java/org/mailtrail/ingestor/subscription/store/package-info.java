/** One subscription document per connection, findable by Graph's subscription id. */
package org.mailtrail.ingestor.subscription.store;
