package org.mailtrail.ingestor.webhook.domain;

/** A delivery that is not a JSON notification collection. */
public class MalformedNotificationException extends RuntimeException {

    public MalformedNotificationException(String reason) {
        super(reason);
    }
}
