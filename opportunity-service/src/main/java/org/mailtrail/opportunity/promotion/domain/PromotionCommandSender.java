package org.mailtrail.opportunity.promotion.domain;

import org.mailtrail.events.opportunity.PromoteInteraction;

/** Hands a command to {@code opportunity.commands.v1} and returns once Kafka has it. */
public interface PromotionCommandSender {

    /** @throws CommandNotPublishedException when Kafka did not confirm the command */
    void send(PromoteInteraction command);
}
