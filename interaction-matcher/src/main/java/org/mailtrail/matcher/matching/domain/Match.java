package org.mailtrail.matcher.matching.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.mailtrail.events.interaction.Direction;

/** What the rules decided about one mail: the interactions it makes, or the rule that excluded it. */
public sealed interface Match {

    /**
     * The mail is logged.
     *
     * @param at when the interaction happened: sentDateTime outbound, receivedDateTime inbound
     */
    record Logged(Direction direction, Instant at, List<MatchedInteraction> interactions) implements Match {

        public Logged {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(at, "at");
            interactions = List.copyOf(interactions);
            if (interactions.isEmpty()) {
                throw new IllegalArgumentException("a logged mail has at least one interaction");
            }
        }
    }

    /** The mail is not logged; {@code detail} names the address or fact behind the rule. */
    record Excluded(ExclusionRule rule, String detail) implements Match {

        public Excluded {
            Objects.requireNonNull(rule, "rule");
        }

        /** The rule and its detail in one line, as the disposition's reason. */
        public String reason() {
            return detail == null ? rule.description() : rule.description() + " (" + detail + ")";
        }
    }
}
