package org.mailtrail.config.secret.domain;

import java.time.Instant;

/**
 * A secret as the service keeps it: either encrypted under the master keyset, or only a reference to where it
 * lives. Exactly one of {@code encrypted} and {@code reference} is present.
 */
public record StoredSecret(EncryptedSecret encrypted, SecretReference reference, Instant updatedAt) {

    public StoredSecret {
        if ((encrypted == null) == (reference == null)) {
            throw new IllegalArgumentException("a stored secret is either encrypted or referenced");
        }
    }

    public boolean isReference() {
        return reference != null;
    }

    /** The key that encrypted it, or empty for a reference. */
    public Integer keyId() {
        return encrypted == null ? null : encrypted.keyId();
    }
}
