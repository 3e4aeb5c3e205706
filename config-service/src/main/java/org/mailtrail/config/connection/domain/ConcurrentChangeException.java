package org.mailtrail.config.connection.domain;

/** Someone else changed the connection between our read and our write, and the caller gave no If-Match. */
public class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String connectionId) {
        super("connection " + connectionId + " was changed concurrently; read it again and retry");
    }
}
