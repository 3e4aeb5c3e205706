package org.mailtrail.opportunity.promotion.domain;

/** Where a promotion command stands. */
public enum PromotionStatus {
    /** Not handled yet, or waiting for its interaction to reach the projection. */
    PENDING,
    /** The interaction has its opportunity: created by this command or found already there. */
    ACCEPTED,
    /** Refused, with a reason. */
    REJECTED
}
