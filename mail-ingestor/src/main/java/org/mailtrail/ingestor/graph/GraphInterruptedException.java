package org.mailtrail.ingestor.graph;

/** The thread waiting to send a Graph request was interrupted, which happens when the ingestor stops. */
public class GraphInterruptedException extends RuntimeException {

    public GraphInterruptedException(String mailbox) {
        super("interrupted while waiting to call Graph for " + mailbox);
    }
}
