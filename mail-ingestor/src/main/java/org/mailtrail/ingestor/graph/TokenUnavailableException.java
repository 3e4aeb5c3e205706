package org.mailtrail.ingestor.graph;

/** No Graph access token could be had for a connection; its Graph work waits for the next attempt. */
public class TokenUnavailableException extends RuntimeException {

    public TokenUnavailableException(String connectionId, String reason) {
        super("no Graph access token for connection " + connectionId + ": " + reason);
    }
}
