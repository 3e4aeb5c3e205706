package org.mailtrail.matcher.directory.domain;

import org.mailtrail.matcher.MatcherProblems;
import org.mailtrail.platform.problem.ProblemException;

/** No salesperson with this code is in the directory. */
public class SalespersonNotFoundException extends ProblemException {

    public SalespersonNotFoundException(String code) {
        super(MatcherProblems.SALESPERSON_NOT_FOUND, "no salesperson " + code);
    }
}
