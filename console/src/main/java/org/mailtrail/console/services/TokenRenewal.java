package org.mailtrail.console.services;

import java.time.Instant;

/**
 * A connection's token, renewed on request.
 *
 * @param account the account that consented, for a DELEGATED connection; absent otherwise
 */
public record TokenRenewal(String connectionId, Instant expiresAt, String account) {
}
