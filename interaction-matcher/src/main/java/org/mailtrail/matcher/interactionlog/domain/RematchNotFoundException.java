package org.mailtrail.matcher.interactionlog.domain;

import org.mailtrail.matcher.MatcherProblems;
import org.mailtrail.platform.problem.ProblemException;

/** No re-run of matching with this id was started. */
public class RematchNotFoundException extends ProblemException {

    public RematchNotFoundException(String id) {
        super(MatcherProblems.REMATCH_NOT_FOUND, "no re-run of matching " + id);
    }
}
