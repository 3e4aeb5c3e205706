package org.mailtrail.opportunity.opportunities.domain;

/** No opportunity has this id. */
public class OpportunityNotFoundException extends RuntimeException {

    public OpportunityNotFoundException(String id) {
        super("no opportunity " + id);
    }
}
