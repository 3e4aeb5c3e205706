package org.mailtrail.opportunity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.mailtrail.events.Contract;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.ContractTypes;
import org.mailtrail.platform.messaging.CloudEventHeaders;
import org.mailtrail.testsupport.KafkaTopicProbe;

import tools.jackson.databind.JsonNode;

/** The shared broker as a foreign producer or a subscriber sees it: contracts with CloudEvents headers. */
public final class Kafka {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private static final KafkaTopicProbe PROBE = KafkaTopicProbe.shared();

    /** Publishes a contract record to its topic as another mailtrail service would. */
    public static void publish(Contract contract) {
        String topic = ContractTypes.of(contract.getClass()).topic();
        send(topic, contract.aggregateId(), ContractJson.mapper().writeValueAsBytes(contract), headersOf(contract));
    }

    public static void send(String topic, String key, byte[] value, Map<String, String> headers) {
        PROBE.send(topic, key, value, headers);
    }

    public static Map<String, String> headersOf(Contract contract) {
        Map<String, String> headers = new HashMap<>();
        headers.put(CloudEventHeaders.ID, contract.eventId().toString());
        headers.put(CloudEventHeaders.TYPE, ContractTypes.of(contract.getClass()).cloudEventType());
        headers.put(CloudEventHeaders.SOURCE, "/mailtrail/test");
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.TIME, contract.occurredAt().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        return headers;
    }

    /** The first record on the topic that matches, waiting for it up to {@link #WAIT}. */
    public static ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
        Optional<ConsumerRecord<String, byte[]>> found = PROBE.find(topic, match, WAIT);
        return found.orElseThrow(() -> new AssertionError("no matching record on " + topic + " within " + WAIT));
    }

    /** Every record of the topic that matches, reading for the whole of {@code window}. */
    public static List<ConsumerRecord<String, byte[]>> allRecords(String topic,
            Predicate<ConsumerRecord<String, byte[]>> match, Duration window) {
        return PROBE.read(topic, Integer.MAX_VALUE, window).stream().filter(match).toList();
    }

    public static Predicate<ConsumerRecord<String, byte[]>> ofType(String cloudEventType, String key) {
        return record -> key.equals(record.key()) && cloudEventType.equals(header(record, CloudEventHeaders.TYPE));
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static JsonNode json(ConsumerRecord<String, byte[]> record) {
        return ContractJson.mapper().readTree(record.value());
    }

    private Kafka() {
    }
}
