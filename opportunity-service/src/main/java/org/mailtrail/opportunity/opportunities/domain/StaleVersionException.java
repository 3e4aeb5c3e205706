package org.mailtrail.opportunity.opportunities.domain;

import org.mailtrail.opportunity.OpportunityProblems;
import org.mailtrail.platform.problem.ProblemException;

/**
 * The client changed a version of the opportunity that is no longer the current one (If-Match
 * failed). The answer carries the current version's ETag, so the client can read and retry.
 */
public class StaleVersionException extends ProblemException {

    public StaleVersionException(String currentEtag) {
        super(OpportunityProblems.STALE_VERSION,
                "the opportunity has changed since it was read; its current version is " + currentEtag);
        header("ETag", currentEtag);
    }
}
