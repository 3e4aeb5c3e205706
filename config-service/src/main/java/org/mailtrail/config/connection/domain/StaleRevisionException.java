package org.mailtrail.config.connection.domain;

import org.mailtrail.config.ConfigProblems;
import org.mailtrail.platform.problem.ProblemException;

/** The caller's If-Match names a revision that is no longer the current one; the problem names the current one. */
public class StaleRevisionException extends ProblemException {

    public StaleRevisionException(String connectionId, long expected, long current) {
        super(ConfigProblems.STALE_REVISION, "connection " + connectionId + " is at revision " + current + ", not "
                + expected + "; read it again and reapply your change");
        property("currentRevision", current);
    }
}
