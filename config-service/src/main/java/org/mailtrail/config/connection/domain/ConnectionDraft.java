package org.mailtrail.config.connection.domain;

import java.util.Set;

/**
 * A connection as a client wants it to be.
 *
 * @param id the wanted id on create (a new UUID when absent); ignored on update
 * @param settings the wanted settings, those the client left out at their defaults
 * @param enabled the wanted state, or {@code null} to keep it (a new connection starts disabled)
 * @param leftOut the settings of {@link Kept} the client left out, which a replace keeps as they are
 * @param password what the client says about an IMAP connection's password
 */
public record ConnectionDraft(String id, ConnectionSettings settings, SecretInput secret, Boolean enabled,
        Set<Kept> leftOut, SecretInput password) {

    /**
     * Settings that a replace leaving them out keeps rather than resets to their defaults. They came after clients
     * were written that replace a connection with what they know of it; such a replace must not switch holding on
     * for a connection that was stored before holding existed, nor undo what an administrator chose.
     */
    public enum Kept {
        HOLD, COPIES
    }

    public ConnectionDraft {
        leftOut = leftOut == null ? Set.of() : Set.copyOf(leftOut);
        password = password == null ? SecretInput.KEEP : password;
    }

    public ConnectionDraft(String id, ConnectionSettings settings, SecretInput secret, Boolean enabled,
            Set<Kept> leftOut) {
        this(id, settings, secret, enabled, leftOut, SecretInput.KEEP);
    }

    /** The settings that replace {@code current}: as drafted, with what was left out of {@link Kept} as it is. */
    public ConnectionSettings settingsReplacing(ConnectionSettings current) {
        ConnectionSettings.Builder wanted = settings.toBuilder();
        if (leftOut.contains(Kept.HOLD)) {
            wanted.hold(current.hold());
        }
        if (leftOut.contains(Kept.COPIES)) {
            wanted.copies(current.copies());
        }
        return wanted.build();
    }
}
