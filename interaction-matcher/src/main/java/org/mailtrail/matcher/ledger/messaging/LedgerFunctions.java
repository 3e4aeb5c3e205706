package org.mailtrail.matcher.ledger.messaging;

import java.util.function.Consumer;

import org.mailtrail.matcher.ledger.domain.CompletenessLedger;
import org.mailtrail.matcher.ledger.domain.DeadLetter;
import org.mailtrail.platform.messaging.KafkaRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class LedgerFunctions {

    /**
     * {@code mail.received.v1.<group>.dlq}: counts a mail that could not be processed against its
     * connection. Only the key and the dead-letter headers are read, so a record that could never be
     * decoded is counted too.
     */
    @Bean
    Consumer<Message<byte[]>> recordFailedMail(CompletenessLedger ledger) {
        return message -> ledger.recordFailedMail(new DeadLetter(
                KafkaRecords.keyIfAny(message).orElse(null), position(message),
                KafkaRecords.header(message, "x-exception-message"),
                KafkaRecords.header(message, "x-exception-fqcn")));
    }

    /** Where the record was on the original topic, for a record without a key. */
    private static String position(Message<?> message) {
        return KafkaRecords.header(message, "x-original-topic") + "-"
                + KafkaRecords.numberHeader(message, "x-original-partition") + "@"
                + KafkaRecords.numberHeader(message, "x-original-offset");
    }
}
