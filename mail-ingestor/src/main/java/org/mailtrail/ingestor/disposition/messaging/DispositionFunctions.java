package org.mailtrail.ingestor.disposition.messaging;

import java.util.function.Consumer;

import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.ingestor.disposition.domain.DispositionInbox;
import org.mailtrail.platform.messaging.ContractMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The disposition feature's flow on Kafka. */
@Configuration
public class DispositionFunctions {

    /**
     * Takes a command off {@code mail.disposition.v1} into the inbox; it is carried out in a batch with the
     * mailbox's other commands. A record that is not a command goes to the DLQ.
     */
    @Bean
    Consumer<Message<byte[]>> applyDisposition(DispositionInbox inbox, ContractMessages messages) {
        return message -> inbox.accept(messages.decode(message, MailDispositionRequested.class));
    }
}
