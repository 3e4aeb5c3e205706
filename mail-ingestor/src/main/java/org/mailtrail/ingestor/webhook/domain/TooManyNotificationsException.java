package org.mailtrail.ingestor.webhook.domain;

import java.util.List;

import org.mailtrail.ingestor.IngestorProblems;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.ProblemException;

/** A delivery with more notifications than one may hold: 413 {@code notification-too-large}, naming {@code value}. */
public class TooManyNotificationsException extends ProblemException {

    public TooManyNotificationsException(int max) {
        super(IngestorProblems.NOTIFICATION_TOO_LARGE, "a notification delivery may hold at most " + max
                + " notifications", List.of(new FieldProblem("value", "at most " + max + " notifications")));
    }
}
