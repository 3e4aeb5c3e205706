package org.mailtrail.config.consent.domain;

import java.time.Instant;

/** A completed consent: whose account now serves the connection. */
public record ConsentResult(String connectionId, String account, Instant consentedAt) {
}
