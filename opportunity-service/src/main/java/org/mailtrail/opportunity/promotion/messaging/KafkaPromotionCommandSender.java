package org.mailtrail.opportunity.promotion.messaging;

import org.mailtrail.events.opportunity.PromoteInteraction;
import org.mailtrail.opportunity.promotion.domain.CommandNotPublishedException;
import org.mailtrail.opportunity.promotion.domain.PromotionCommandSender;
import org.mailtrail.platform.messaging.ContractMessages;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/** Sends commands through the {@value #BINDING} binding, which is synchronous: send returns once Kafka has the record. */
@Component
class KafkaPromotionCommandSender implements PromotionCommandSender {

    static final String BINDING = "promotionCommands";

    private final StreamBridge bridge;
    private final ContractMessages messages;

    KafkaPromotionCommandSender(StreamBridge bridge, ContractMessages messages) {
        this.bridge = bridge;
        this.messages = messages;
    }

    @Override
    public void send(PromoteInteraction command) {
        boolean sent;
        try {
            sent = bridge.send(BINDING, messages.encode(command));
        } catch (RuntimeException e) {
            throw new CommandNotPublishedException(e);
        }
        if (!sent) {
            throw new CommandNotPublishedException(new IllegalStateException("the binding refused the record"));
        }
    }
}
