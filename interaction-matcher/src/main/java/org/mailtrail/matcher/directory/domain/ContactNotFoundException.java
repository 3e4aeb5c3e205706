package org.mailtrail.matcher.directory.domain;

import org.mailtrail.matcher.MatcherProblems;
import org.mailtrail.platform.problem.ProblemException;

/** No contact with this id is in the directory. */
public class ContactNotFoundException extends ProblemException {

    public ContactNotFoundException(String contactId) {
        super(MatcherProblems.CONTACT_NOT_FOUND, "no contact " + contactId);
    }
}
