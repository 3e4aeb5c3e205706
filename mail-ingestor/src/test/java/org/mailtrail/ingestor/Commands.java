package org.mailtrail.ingestor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.Topics;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.testsupport.TestInfrastructure;

/** Disposition commands as the matcher sends them: keyed by connection, all at once through one producer. */
final class Commands {

    private Commands() {
    }

    static MailDispositionRequested command(MailReceived mail, Disposition disposition) {
        return command(mail.connectionId(), mail.internetMessageId(), mail.immutableId(), disposition);
    }

    static MailDispositionRequested command(String connectionId, String internetMessageId, String immutableId,
            Disposition disposition) {
        return new MailDispositionRequested(
                EventIds.of(MailDispositionRequested.TYPE, connectionId, internetMessageId, disposition.name()),
                Instant.now(), 1, connectionId, internetMessageId, immutableId, disposition,
                disposition == Disposition.ARCHIVE ? "logged 1 interaction" : "unknown sender");
    }

    /** A HOLD of a received mail in the named folder, as the matcher asks for mail it may log later. */
    static MailDispositionRequested hold(MailReceived mail, String folder) {
        return new MailDispositionRequested(
                EventIds.of(MailDispositionRequested.TYPE, mail.connectionId(), mail.internetMessageId(),
                        mail.immutableId(), Disposition.HOLD.name()),
                Instant.now(), 1, mail.connectionId(), mail.internetMessageId(), mail.immutableId(), Disposition.HOLD,
                "unknown sender", folder, null);
    }

    /** A DELETE of a mail the command says is in {@code currentFolder} (the hold folder), not the source folder. */
    static MailDispositionRequested deleteFrom(MailReceived mail, String currentFolder) {
        return new MailDispositionRequested(
                EventIds.of(MailDispositionRequested.TYPE, mail.connectionId(), mail.internetMessageId(),
                        mail.immutableId(), Disposition.DELETE.name(), currentFolder),
                Instant.now(), 1, mail.connectionId(), mail.internetMessageId(), mail.immutableId(),
                Disposition.DELETE, "held too long", null, currentFolder);
    }

    static void send(List<MailDispositionRequested> commands) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (MailDispositionRequested command : commands) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.MAIL_DISPOSITION,
                        command.connectionId(), ContractJson.mapper().writeValueAsBytes(command));
                header(record, "ce_id", command.eventId().toString());
                header(record, "ce_type", MailDispositionRequested.TYPE);
                header(record, "ce_source", "/mailtrail/interaction-matcher");
                header(record, "ce_specversion", "1.0");
                header(record, "ce_time", command.occurredAt().toString());
                header(record, "content-type", "application/json");
                producer.send(record);
            }
            producer.flush();
        }
    }

    static String unknownImmutableId() {
        return "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A" + UUID.randomUUID().toString().replace("-", "");
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
