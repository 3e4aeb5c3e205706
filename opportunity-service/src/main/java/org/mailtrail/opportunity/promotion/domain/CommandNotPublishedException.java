package org.mailtrail.opportunity.promotion.domain;

/** The command could not be handed to Kafka; nothing was promised, the request may be retried. */
public class CommandNotPublishedException extends RuntimeException {

    public CommandNotPublishedException(Throwable cause) {
        super("the promotion command could not be published: " + cause.getMessage(), cause);
    }
}
