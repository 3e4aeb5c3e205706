package org.mailtrail.ingestor.connection.domain;

/**
 * This instance acted, or was about to act, for a connection whose lease it no longer holds under its epoch:
 * another instance took the connection over (its write was refused because a document carries a newer epoch), or
 * the lease has not been renewed recently enough to be sure it is still this instance's. The connection's work
 * stops here at once, as when a renewal finds the lease in another instance's hands.
 */
public class StaleOwnerException extends RuntimeException {

    private final String connectionId;
    private final long epoch;

    public StaleOwnerException(String connectionId, long epoch, String reason) {
        super("connection " + connectionId + " under lease epoch " + epoch + ": " + reason);
        this.connectionId = connectionId;
        this.epoch = epoch;
    }

    public String connectionId() {
        return connectionId;
    }

    public long epoch() {
        return epoch;
    }
}
