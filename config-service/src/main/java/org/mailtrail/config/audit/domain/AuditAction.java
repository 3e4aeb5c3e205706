package org.mailtrail.config.audit.domain;

/** The kinds of change the audit log records. */
public enum AuditAction {
    CONNECTION_CREATED,
    CONNECTION_UPDATED,
    CONNECTION_DELETED,
    CONNECTION_ENABLED,
    CONNECTION_DISABLED,
    /** The setup check created or adopted the archive folder and the connection now names it by id. */
    ARCHIVE_FOLDER_SET,
    /** A user consented (delegated mode) and the refresh token was stored. */
    CONSENT_GRANTED,
    /** An administrator renewed the connection's token. */
    TOKEN_RENEWED,
    /** Stored secrets were re-encrypted under the master keyset's primary key. */
    SECRETS_RE_ENCRYPTED,
    /** An administrator rotated the embedded issuer's signing key. */
    ISSUER_KEY_ROTATED
}
