package org.mailtrail.matcher.ledger.domain;

import org.mailtrail.matcher.MatcherProblems;
import org.mailtrail.platform.problem.ProblemException;

/** A connection that was neither configured nor seen in mail has no ledger. */
public class ConnectionNotFoundException extends ProblemException {

    public ConnectionNotFoundException(String connectionId) {
        super(MatcherProblems.CONNECTION_NOT_FOUND,
                "no connection " + connectionId + " has been configured or received mail");
    }
}
