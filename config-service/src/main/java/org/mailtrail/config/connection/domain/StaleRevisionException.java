package org.mailtrail.config.connection.domain;

/** The caller's If-Match names a revision that is no longer the current one. */
public class StaleRevisionException extends RuntimeException {

    private final long currentRevision;

    public StaleRevisionException(String connectionId, long expected, long current) {
        super("connection " + connectionId + " is at revision " + current + ", not " + expected
                + "; read it again and reapply your change");
        this.currentRevision = current;
    }

    public long currentRevision() {
        return currentRevision;
    }
}
