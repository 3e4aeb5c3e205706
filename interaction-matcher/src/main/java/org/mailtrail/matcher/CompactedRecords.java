package org.mailtrail.matcher;

import java.nio.charset.StandardCharsets;

import org.mailtrail.platform.messaging.PoisonMessageException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * Reading records of compacted topics: a tombstone (null value) arrives with a {@link KafkaNull}
 * payload and says "this key is deleted", so its key is all there is to read.
 */
public final class CompactedRecords {

    public static boolean isTombstone(Message<?> message) {
        Object payload = message.getPayload();
        return payload instanceof KafkaNull;
    }

    /** The record's key as text; a record without one cannot say what it is about. */
    public static String key(Message<?> message) {
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (key == null) {
            throw new PoisonMessageException("a record without a key on a compacted topic");
        }
        return key.toString();
    }

    /** The record as bytes, once it is known not to be a tombstone. */
    @SuppressWarnings("unchecked")
    public static Message<byte[]> withBytes(Message<?> message) {
        if (!(message.getPayload() instanceof byte[])) {
            throw new PoisonMessageException("unexpected payload type " + message.getPayload().getClass().getName());
        }
        return (Message<byte[]>) message;
    }

    private CompactedRecords() {
    }
}
