package org.mailtrail.matcher.interactionlog.domain;

import org.mailtrail.events.interaction.Direction;

/** Business Central's "Initiated By": us for outbound mail, them for inbound. */
public enum InitiatedBy {
    US,
    THEM;

    public static InitiatedBy of(Direction direction) {
        return direction == Direction.OUTBOUND ? US : THEM;
    }
}
