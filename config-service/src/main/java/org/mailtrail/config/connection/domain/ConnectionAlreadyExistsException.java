package org.mailtrail.config.connection.domain;

public class ConnectionAlreadyExistsException extends RuntimeException {

    public ConnectionAlreadyExistsException(String connectionId) {
        super("a connection " + connectionId + " exists already (or is being deleted)");
    }
}
