/** Consents in flight, by their one-time state value. */
package org.mailtrail.config.consent.store;
