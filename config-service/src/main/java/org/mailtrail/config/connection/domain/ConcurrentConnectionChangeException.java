package org.mailtrail.config.connection.domain;

import org.mailtrail.config.ConfigProblems;
import org.mailtrail.platform.problem.ProblemException;

/** Someone else changed the connection between our read and our write, and the caller gave no If-Match. */
public class ConcurrentConnectionChangeException extends ProblemException {

    public ConcurrentConnectionChangeException(String connectionId) {
        super(ConfigProblems.CONCURRENT_CHANGE,
                "connection " + connectionId + " was changed concurrently; read it again and retry");
    }
}
