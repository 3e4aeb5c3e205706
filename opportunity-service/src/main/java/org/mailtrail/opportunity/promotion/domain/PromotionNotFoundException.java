package org.mailtrail.opportunity.promotion.domain;

/** No promotion command has this id. */
public class PromotionNotFoundException extends RuntimeException {

    public PromotionNotFoundException(String commandId) {
        super("no promotion command " + commandId);
    }
}
