package org.mailtrail.config.secret.domain;

/** A secret reference that does not name a place a secret can be read from; the message says why. */
public class InvalidSecretReferenceException extends IllegalArgumentException {

    public InvalidSecretReferenceException(String reason) {
        super(reason);
    }
}
