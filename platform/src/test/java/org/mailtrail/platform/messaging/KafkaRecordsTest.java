package org.mailtrail.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class KafkaRecordsTest {

    @Nested
    class Tombstones {

        @Test
        void isATombstoneWhenTheBinderHandsOverKafkaNull() {
            Message<KafkaNull> record = MessageBuilder.withPayload(KafkaNull.INSTANCE).build();

            assertThat(KafkaRecords.isTombstone(record)).isTrue();
        }

        @Test
        void isATombstoneWhenAProducerWroteAnEmptyValue() {
            Message<byte[]> record = MessageBuilder.withPayload(new byte[0]).build();

            assertThat(KafkaRecords.isTombstone(record)).isTrue();
        }

        @Test
        void isNotATombstoneWhenTheRecordHasAValue() {
            Message<byte[]> record = MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8)).build();

            assertThat(KafkaRecords.isTombstone(record)).isFalse();
            assertThat(KafkaRecords.withValue(record).getPayload()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void refusesToReadAValueFromEitherShapeOfTombstone() {
            assertThatThrownBy(() -> KafkaRecords.withValue(MessageBuilder.withPayload(KafkaNull.INSTANCE).build()))
                    .isInstanceOf(PoisonMessageException.class);
            assertThatThrownBy(() -> KafkaRecords.withValue(MessageBuilder.withPayload(new byte[0]).build()))
                    .isInstanceOf(PoisonMessageException.class);
        }
    }

    @Nested
    class Keys {

        @Test
        void readsAKeyGivenAsBytesOrAsText() {
            assertThat(KafkaRecords.key(withKey("c1".getBytes(StandardCharsets.UTF_8)))).isEqualTo("c1");
            assertThat(KafkaRecords.key(withKey("c2"))).isEqualTo("c2");
        }

        @Test
        void aRecordWithoutAKeyIsPoison() {
            Message<byte[]> keyless = MessageBuilder.withPayload(new byte[0]).build();

            assertThat(KafkaRecords.keyIfAny(keyless)).isEmpty();
            assertThatThrownBy(() -> KafkaRecords.key(keyless)).isInstanceOf(PoisonMessageException.class)
                    .hasMessageContaining("without a key");
        }

        private Message<byte[]> withKey(Object key) {
            return MessageBuilder.withPayload(new byte[0]).setHeader(KafkaHeaders.RECEIVED_KEY, key).build();
        }
    }

    @Nested
    class Headers {

        @Test
        void readsATextHeaderGivenAsBytesOrAsText() {
            Message<byte[]> record = MessageBuilder.withPayload(new byte[0])
                    .setHeader("ce_type", "org.mailtrail.mail.MailReceived".getBytes(StandardCharsets.UTF_8))
                    .setHeader("x-exception-message", "boom").build();

            assertThat(KafkaRecords.header(record, "ce_type")).isEqualTo("org.mailtrail.mail.MailReceived");
            assertThat(KafkaRecords.header(record, "x-exception-message")).isEqualTo("boom");
            assertThat(KafkaRecords.header(record, "absent")).isNull();
        }

        @Test
        void readsTheBindersBinaryPartitionAndOffsetHeaders() {
            Message<byte[]> record = MessageBuilder.withPayload(new byte[0])
                    .setHeader("x-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(7).array())
                    .setHeader("x-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(123_456_789_012L).array())
                    .build();

            assertThat(KafkaRecords.numberHeader(record, "x-original-partition")).isEqualTo("7");
            assertThat(KafkaRecords.numberHeader(record, "x-original-offset")).isEqualTo("123456789012");
        }
    }
}
