package org.mailtrail.config.connection.domain;

import org.mailtrail.config.ConfigProblems;
import org.mailtrail.platform.problem.ProblemException;

public class ConnectionNotFoundException extends ProblemException {

    public ConnectionNotFoundException(String connectionId) {
        super(ConfigProblems.CONNECTION_NOT_FOUND, "no connection " + connectionId);
    }
}
