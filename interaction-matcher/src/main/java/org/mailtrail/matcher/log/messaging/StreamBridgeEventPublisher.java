package org.mailtrail.matcher.log.messaging;

import java.util.Map;

import org.mailtrail.events.Contract;
import org.mailtrail.events.ContractTypes;
import org.mailtrail.events.Topics;
import org.mailtrail.matcher.log.domain.EventPublisher;
import org.mailtrail.platform.messaging.ContractMessages;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Publishes through the explicit output bindings ({@code spring.cloud.stream.output-bindings}),
 * created at start, whose producers are synchronous
 * ({@code producer.sync: true}): {@link StreamBridge#send} returns after the broker acknowledged
 * the record and throws when it did not, so the caller never marks an unconfirmed event as done.
 */
@Component
class StreamBridgeEventPublisher implements EventPublisher {

    static final String INTERACTION_EVENTS = "interactionEvents";
    static final String MAIL_DISPOSITION = "mailDisposition";

    private static final Map<String, String> BINDING_BY_TOPIC = Map.of(
            Topics.INTERACTION_EVENTS, INTERACTION_EVENTS,
            Topics.MAIL_DISPOSITION, MAIL_DISPOSITION);

    private final StreamBridge bridge;
    private final ContractMessages messages;

    StreamBridgeEventPublisher(StreamBridge bridge, ContractMessages messages) {
        this.bridge = bridge;
        this.messages = messages;
    }

    @Override
    public void publish(Contract event) {
        String topic = ContractTypes.of(event.getClass()).topic();
        String binding = BINDING_BY_TOPIC.get(topic);
        if (binding == null) {
            throw new IllegalArgumentException("the matcher does not publish to " + topic);
        }
        if (!bridge.send(binding, messages.encode(event))) {
            throw new IllegalStateException("the broker did not take " + event.getClass().getSimpleName() + " "
                    + event.eventId() + " on " + topic);
        }
    }
}
