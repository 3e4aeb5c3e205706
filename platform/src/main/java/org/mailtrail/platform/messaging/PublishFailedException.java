package org.mailtrail.platform.messaging;

/** The broker did not confirm a record: it may or may not have it, so whoever owes it must send it again. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
