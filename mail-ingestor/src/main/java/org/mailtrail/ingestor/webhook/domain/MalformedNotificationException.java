package org.mailtrail.ingestor.webhook.domain;

import java.util.List;

import org.mailtrail.ingestor.IngestorProblems;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.ProblemException;

/**
 * A delivery that is not a JSON notification collection: 400 {@code malformed-notification}, the body named as
 * the field at fault. The reason says where, never what, so the answer repeats none of a sender's input.
 */
public class MalformedNotificationException extends ProblemException {

    public MalformedNotificationException(String reason) {
        super(IngestorProblems.MALFORMED_NOTIFICATION, reason, List.of(new FieldProblem("body", reason)));
    }
}
