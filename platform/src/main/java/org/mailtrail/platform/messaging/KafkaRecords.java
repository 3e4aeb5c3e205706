package org.mailtrail.platform.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * Reading a Kafka record as the binder hands it to a function: its key, whether it is a tombstone,
 * and its headers as text. The one definition of a tombstone is here.
 */
public final class KafkaRecords {

    /**
     * A tombstone is a record without a value: "this key is deleted". The binder delivers it with a
     * {@link KafkaNull} payload; a producer that wrote an empty value instead of null means the same,
     * and both are read as a tombstone so no subscriber mistakes one for a malformed record.
     */
    public static boolean isTombstone(Message<?> message) {
        Object payload = message.getPayload();
        return payload == null || payload instanceof KafkaNull || payload instanceof byte[] bytes && bytes.length == 0;
    }

    /** The record's key as text; a record without one cannot say what it is about, and is poison. */
    public static String key(Message<?> message) {
        return keyIfAny(message).orElseThrow(() -> new PoisonMessageException("a record without a key"));
    }

    /** The record's key as text, if it has one. */
    public static Optional<String> keyIfAny(Message<?> message) {
        return Optional.ofNullable(text(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY)));
    }

    /** The value of a record that is known to carry one, as the bytes a contract is read from. */
    @SuppressWarnings("unchecked")
    public static Message<byte[]> withValue(Message<?> message) {
        if (isTombstone(message)) {
            throw new PoisonMessageException("a tombstone where a value was expected");
        }
        if (!(message.getPayload() instanceof byte[])) {
            throw new PoisonMessageException("unexpected payload type " + message.getPayload().getClass().getName());
        }
        return (Message<byte[]>) message;
    }

    /** A header as text, whether the header mapper gave it as a String or as raw bytes; null when absent. */
    public static String header(Message<?> message, String name) {
        return text(message.getHeaders().get(name));
    }

    /**
     * A numeric header the binder writes in binary, such as a dead letter's original partition (a
     * big-endian int) or offset (a big-endian long), as text.
     */
    public static String numberHeader(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        if (value instanceof byte[] bytes && bytes.length == Integer.BYTES) {
            return String.valueOf(ByteBuffer.wrap(bytes).getInt());
        }
        if (value instanceof byte[] bytes && bytes.length == Long.BYTES) {
            return String.valueOf(ByteBuffer.wrap(bytes).getLong());
        }
        return value == null ? null : String.valueOf(value);
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    private KafkaRecords() {
    }
}
