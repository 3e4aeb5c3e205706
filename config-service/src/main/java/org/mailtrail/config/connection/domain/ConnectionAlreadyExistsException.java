package org.mailtrail.config.connection.domain;

import java.util.List;

import org.mailtrail.config.ConfigProblems;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.ProblemException;

/** A create with the id of a connection that exists, or whose deletion subscribers have not all been told yet. */
public class ConnectionAlreadyExistsException extends ProblemException {

    public ConnectionAlreadyExistsException(String connectionId) {
        super(ConfigProblems.CONNECTION_EXISTS, "a connection " + connectionId + " exists already (or is being deleted)",
                List.of(new FieldProblem("id", "is taken by another connection")));
    }
}
