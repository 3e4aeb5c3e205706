package org.mailtrail.opportunity.promotion.domain;

/** An Idempotency-Key sent again with a different request: the key names a request, not a slot. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was already used for a different promotion request of this interaction");
    }
}
