package org.mailtrail.opportunity.opportunities.domain;

/** The client changed a version of the opportunity that is no longer the current one (If-Match failed). */
public class StaleVersionException extends RuntimeException {

    private final String currentEtag;

    public StaleVersionException(String currentEtag) {
        super("the opportunity has changed since it was read; its current version is " + currentEtag);
        this.currentEtag = currentEtag;
    }

    public String currentEtag() {
        return currentEtag;
    }
}
