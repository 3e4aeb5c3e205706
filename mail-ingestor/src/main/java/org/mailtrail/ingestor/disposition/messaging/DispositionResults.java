package org.mailtrail.ingestor.disposition.messaging;

import org.mailtrail.events.Contract;
import org.mailtrail.platform.messaging.ContractMessages;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Sends {@code MailArchived}, {@code MailDeleted} and {@code MailDispositionFailed} through the synchronous
 * {@code mailArchived} binding: a command is marked done only after its result is on the broker.
 */
@Component
public class DispositionResults {

    static final String BINDING = "mailArchived";

    private final StreamBridge bridge;
    private final ContractMessages messages;

    public DispositionResults(StreamBridge bridge, ContractMessages messages) {
        this.bridge = bridge;
        this.messages = messages;
    }

    public void publish(Contract result) {
        if (!bridge.send(BINDING, messages.encode(result))) {
            throw new IllegalStateException("Kafka did not take " + result.getClass().getSimpleName() + " "
                    + result.eventId());
        }
    }
}
