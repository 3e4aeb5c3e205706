package org.mailtrail.platform.messaging;

/**
 * A record that can never be processed: not JSON, not the contract's shape, or missing what
 * the contract requires. Bindings list it as not retryable, so it goes straight to the DLQ,
 * and its message, which becomes the DLQ record's {@code x-exception-message}, says why.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    public PoisonMessageException(String message) {
        super(message);
    }
}
