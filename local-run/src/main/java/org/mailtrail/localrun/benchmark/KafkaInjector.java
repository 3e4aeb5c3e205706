package org.mailtrail.localrun.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.Topics;
import org.mailtrail.events.mail.MailReceived;

/**
 * Puts records on the broker as the ingestor would: MailReceived on mail.received.v1 with the aggregate id as key
 * and the CloudEvents binary-mode headers every mailtrail record carries (the names are platform's
 * {@code CloudEventHeaders}, which local-run does not depend on); and the same bytes and headers on the echo's
 * input topic, keyed by internetMessageId so that the echo's output can be matched to what was sent.
 */
final class KafkaInjector implements AutoCloseable {

    static final String ECHO_IN = "benchmark.echo.in.v1";
    static final String ECHO_OUT = "benchmark.echo.out.v1";
    private static final String SOURCE = "/mailtrail/benchmark";

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    KafkaInjector(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** The echo's two topics, partitioned as mail.received.v1 is. */
    void createEchoTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            int partitions = admin.describeTopics(List.of(Topics.MAIL_RECEIVED)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.MAIL_RECEIVED).partitions().size();
            admin.createTopics(List.of(new NewTopic(ECHO_IN, partitions, (short) 1),
                    new NewTopic(ECHO_OUT, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** A MailReceived, exactly as the matcher reads it from the ingestor. */
    void mailReceived(MailReceived mail) {
        producer.send(record(Topics.MAIL_RECEIVED, mail.aggregateId(), mail));
    }

    /** The same bytes and headers on the echo's input, keyed by internetMessageId so the output can be matched. */
    void echo(MailReceived mail) {
        producer.send(record(ECHO_IN, mail.internetMessageId(), mail));
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, MailReceived mail) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key,
                ContractJson.mapper().writeValueAsBytes(mail));
        header(record, "ce_id", mail.eventId().toString());
        header(record, "ce_type", MailReceived.TYPE);
        header(record, "ce_source", SOURCE);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_time", mail.occurredAt().toString());
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
