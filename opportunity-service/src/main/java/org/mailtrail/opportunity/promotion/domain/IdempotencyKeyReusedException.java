package org.mailtrail.opportunity.promotion.domain;

import java.util.List;

import org.mailtrail.opportunity.OpportunityProblems;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.ProblemException;

/** An Idempotency-Key sent again with a different request: the key names a request, not a slot. */
public class IdempotencyKeyReusedException extends ProblemException {

    public IdempotencyKeyReusedException(String key) {
        super(OpportunityProblems.IDEMPOTENCY_KEY_REUSED,
                "Idempotency-Key " + key + " was already used for a different promotion request of this interaction",
                List.of(new FieldProblem("Idempotency-Key", "already used for a different request")));
    }
}
