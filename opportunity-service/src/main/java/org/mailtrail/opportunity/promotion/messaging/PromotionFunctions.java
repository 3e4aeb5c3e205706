package org.mailtrail.opportunity.promotion.messaging;

import java.util.function.Consumer;

import org.mailtrail.events.opportunity.PromoteInteraction;
import org.mailtrail.opportunity.promotion.domain.Promotions;
import org.mailtrail.platform.messaging.ContractMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class PromotionFunctions {

    /** Handles PromoteInteraction commands from {@code opportunity.commands.v1}, whoever published them. */
    @Bean
    Consumer<Message<byte[]>> promoteInteraction(ContractMessages messages, Promotions promotions) {
        return message -> promotions.handle(messages.decode(message, PromoteInteraction.class));
    }
}
