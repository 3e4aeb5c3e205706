package org.mailtrail.config.connection.domain;

/**
 * A connection as a client wants it to be.
 *
 * @param id the wanted id on create (a new UUID when absent); ignored on update
 * @param enabled the wanted state, or {@code null} to keep it (a new connection starts disabled)
 */
public record ConnectionDraft(String id, ConnectionSettings settings, SecretInput secret, Boolean enabled) {
}
