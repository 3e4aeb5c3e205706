package org.mailtrail.config.secret.domain;

/** A secret that should be there and is not: unset variable, unreadable file, vault refusing, key removed. */
public class SecretUnavailableException extends RuntimeException {

    public SecretUnavailableException(String message) {
        super(message);
    }
}
