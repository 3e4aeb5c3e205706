package org.mailtrail.opportunity.opportunities.domain;

/** Someone else changed the opportunity between this request's read and its write. */
public class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String id) {
        super("opportunity " + id + " was changed by another request at the same time; read it and try again");
    }
}
