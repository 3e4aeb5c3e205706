package org.mailtrail.config.secret.domain;

/** The service was started without a usable master keyset; it must not run without one. */
public class MissingMasterKeyException extends RuntimeException {

    public MissingMasterKeyException(String message) {
        super(message);
    }

    public MissingMasterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
