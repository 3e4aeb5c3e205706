package org.mailtrail.platform.messaging;

import java.nio.charset.StandardCharsets;

import org.mailtrail.events.Contract;
import org.mailtrail.events.ContractType;
import org.mailtrail.events.ContractTypes;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns contracts into Kafka-bound messages and back. Encoding sets the record key to the
 * aggregate id and adds the CloudEvents headers; decoding reads the payload as the expected
 * record (or, on topics with several types, the record its {@code ce_type} names) and reports
 * anything unreadable as a {@link PoisonMessageException} with the reason.
 */
public class ContractMessages {

    /**
     * {@code ce_type} as a function bound by Spring Cloud Stream receives it: Spring Cloud Function
     * rewrites the CloudEvents headers of a binary-mode message to the canonical {@code ce-} prefix
     * before the function sees the message.
     */
    static final String CANONICAL_TYPE = "ce-type";

    private final JsonMapper mapper;
    private final String source;

    /**
     * @param source the CloudEvents source of what this service publishes, e.g. {@code /mailtrail/interaction-matcher}
     */
    public ContractMessages(JsonMapper mapper, String source) {
        this.mapper = mapper;
        this.source = source;
    }

    public Message<byte[]> encode(Contract contract) {
        ContractType type = ContractTypes.of(contract.getClass());
        return MessageBuilder.withPayload(mapper.writeValueAsBytes(contract))
                .setHeader(KafkaHeaders.KEY, contract.aggregateId().getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.ID, contract.eventId().toString())
                .setHeader(CloudEventHeaders.TYPE, type.cloudEventType())
                .setHeader(CloudEventHeaders.SOURCE, source)
                .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0)
                .setHeader(CloudEventHeaders.TIME, contract.occurredAt().toString())
                .setHeader(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                .build();
    }

    /** Reads a record of a topic that carries one type. */
    public <T> T decode(Message<byte[]> message, Class<T> type) {
        return decode(message.getPayload(), type);
    }

    /** Reads the value of a record of a topic that carries one type, as a batch consumer receives it. */
    public <T> T decode(byte[] payload, Class<T> type) {
        if (payload == null || payload.length == 0) {
            throw new PoisonMessageException("empty payload where a " + type.getSimpleName() + " was expected");
        }
        try {
            return mapper.readValue(payload, type);
        } catch (JacksonException e) {
            throw new PoisonMessageException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a record of a topic that carries several types, by its {@code ce_type} header. */
    public Contract decode(Message<byte[]> message) {
        String cloudEventType = KafkaRecords.header(message, CloudEventHeaders.TYPE) != null
                ? KafkaRecords.header(message, CloudEventHeaders.TYPE)
                : KafkaRecords.header(message, CANONICAL_TYPE);
        if (cloudEventType == null) {
            throw new PoisonMessageException("no " + CloudEventHeaders.TYPE + " header to tell the message type");
        }
        ContractType type = ContractTypes.byCloudEventType(cloudEventType)
                .orElseThrow(() -> new PoisonMessageException("unknown " + CloudEventHeaders.TYPE + " " + cloudEventType));
        return decode(message, type.recordClass());
    }
}
