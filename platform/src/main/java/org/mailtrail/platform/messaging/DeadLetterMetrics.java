package org.mailtrail.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts every record the Kafka binder dead-letters, by consumer group, source topic and cause,
 * as {@code mailtrail.messages.deadlettered}: a growing DLQ is an operator's first signal. The
 * binder asks this function for the DLQ partition of each record, so it sees every one; the
 * partition stays the original's, as without it.
 */
public class DeadLetterMetrics implements DlqPartitionFunction {

    private final MeterRegistry registry;

    public DeadLetterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer apply(String group, ConsumerRecord<?, ?> record, Throwable throwable) {
        Counter.builder("mailtrail.messages.deadlettered")
                .description("Records sent to a dead-letter topic after failing")
                .tag("group", group == null ? "none" : group)
                .tag("topic", record.topic())
                .tag("cause", cause(throwable).getClass().getSimpleName())
                .register(registry)
                .increment();
        return record.partition();
    }

    /** The first exception in the chain that is not the framework's wrapping of it. */
    static Throwable cause(Throwable throwable) {
        Throwable cause = throwable;
        while (cause.getClass().getName().startsWith("org.springframework.") && cause.getCause() != null
                && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
