package org.mailtrail.config.secret.domain;

/** A stored ciphertext that the master keyset cannot open: its key was removed, or the data was altered. */
public class SecretDecryptionException extends RuntimeException {

    public SecretDecryptionException(String message) {
        super(message);
    }
}
