package org.mailtrail.matcher.interactionlog.domain;

import org.mailtrail.matcher.MatcherProblems;
import org.mailtrail.platform.problem.ProblemException;

/** No link opens an interaction's mail; the detail says why, in Business Central's words where they apply. */
public class MailLinkNotFoundException extends ProblemException {

    public MailLinkNotFoundException(String why) {
        super(MatcherProblems.MAIL_LINK_NOT_FOUND, why);
    }
}
