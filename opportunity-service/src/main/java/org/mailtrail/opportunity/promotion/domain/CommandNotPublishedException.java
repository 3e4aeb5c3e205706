package org.mailtrail.opportunity.promotion.domain;

import java.util.List;

import org.mailtrail.opportunity.OpportunityProblems;
import org.mailtrail.platform.problem.ProblemException;

/** The command could not be handed to Kafka; nothing was promised, the request may be retried. */
public class CommandNotPublishedException extends ProblemException {

    /** Seconds a client should wait before it repeats the request. */
    static final String RETRY_AFTER_SECONDS = "5";

    public CommandNotPublishedException(Throwable cause) {
        super(OpportunityProblems.COMMAND_NOT_PUBLISHED,
                "the promotion command could not be published: " + cause.getMessage(), List.of(), cause);
        header("Retry-After", RETRY_AFTER_SECONDS);
    }
}
