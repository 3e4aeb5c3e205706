package org.mailtrail.matcher.ledger.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;

import org.mailtrail.matcher.ledger.store.FailedMail;
import org.mailtrail.matcher.ledger.store.LedgerStore;
import org.mailtrail.platform.messaging.ContractMessages;
import org.mailtrail.platform.messaging.OutageRetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class LedgerFunctions {

    static final String UNKNOWN_CONNECTION = "(unknown)";

    /**
     * {@code mail.received.v1.<group>.dlq}: counts a mail that could not be processed against its
     * connection. Only the key and the dead-letter headers are read, so a record that could never be
     * decoded is counted too.
     */
    @Bean
    Consumer<Message<byte[]>> recordFailedMail(LedgerStore ledger, Clock clock, MeterRegistry meters,
            OutageRetry outages) {
        Counter failed = Counter.builder("mailtrail.mail.failed")
                .description("MailReceived records that went to the dead-letter topic").register(meters);
        return outages.around(message -> {
            String key = text(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY));
            String id = key != null ? key : position(message);
            int slash = key == null ? -1 : key.indexOf('/');
            String connectionId = slash > 0 ? key.substring(0, slash) : UNKNOWN_CONNECTION;
            ledger.recordFailure(new FailedMail(id, connectionId,
                    ContractMessages.header(message, "x-exception-message"),
                    ContractMessages.header(message, "x-exception-fqcn"), clock.instant()));
            failed.increment();
        });
    }

    /** Where the record was on the original topic, for a record without a key. */
    private static String position(Message<byte[]> message) {
        return ContractMessages.header(message, "x-original-topic") + "-"
                + number(message.getHeaders().get("x-original-partition")) + "@"
                + number(message.getHeaders().get("x-original-offset"));
    }

    /** The binder writes partition and offset as big-endian int and long. */
    private static String number(Object header) {
        if (header instanceof byte[] bytes && bytes.length == Integer.BYTES) {
            return String.valueOf(ByteBuffer.wrap(bytes).getInt());
        }
        if (header instanceof byte[] bytes && bytes.length == Long.BYTES) {
            return String.valueOf(ByteBuffer.wrap(bytes).getLong());
        }
        return String.valueOf(header);
    }

    private static String text(Object header) {
        if (header instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return header == null ? null : header.toString();
    }
}
