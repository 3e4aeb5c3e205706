package org.mailtrail.matcher.interactionlog.domain;

import org.mailtrail.matcher.MatcherProblems;
import org.mailtrail.platform.problem.ProblemException;

/** No interaction with this id is in the log. */
public class InteractionNotFoundException extends ProblemException {

    public InteractionNotFoundException(String interactionId) {
        super(MatcherProblems.INTERACTION_NOT_FOUND, "no interaction " + interactionId);
    }
}
