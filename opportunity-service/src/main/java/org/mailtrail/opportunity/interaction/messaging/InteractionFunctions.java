package org.mailtrail.opportunity.interaction.messaging;

import java.util.function.Consumer;

import org.mailtrail.opportunity.interaction.domain.InteractionProjection;
import org.mailtrail.platform.messaging.ContractMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class InteractionFunctions {

    /** Keeps the interaction projection from {@code interaction.events.v1}, whatever its type. */
    @Bean
    Consumer<Message<byte[]>> projectInteraction(ContractMessages messages, InteractionProjection projection) {
        return message -> projection.apply(messages.decode(message));
    }
}
