package org.mailtrail.config.connection.domain;

public class ConnectionNotFoundException extends RuntimeException {

    private final String connectionId;

    public ConnectionNotFoundException(String connectionId) {
        super("no connection " + connectionId);
        this.connectionId = connectionId;
    }

    public String connectionId() {
        return connectionId;
    }
}
