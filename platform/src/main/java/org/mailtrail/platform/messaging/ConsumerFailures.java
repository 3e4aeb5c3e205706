package org.mailtrail.platform.messaging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What every consumer binding does with a record its handler failed on, done by the listener container rather
 * than inside the binding, so that no wait ever holds the poll loop.
 * <ul>
 * <li>A failure because MongoDB or the broker is unreachable ({@link OutageRetry#isOutage}) is retried for as long
 * as the outage lasts, with pauses growing to {@code outageLongestPause}. During a pause the container pauses its
 * partitions and keeps polling, so the member stays in its group however long the outage: no rebalance, and no
 * dead letter for a record that only waited.</li>
 * <li>Any other failure is retried as the binding's {@code max-attempts} and back-off say (again by pausing, not
 * sleeping), then published to the binding's dead-letter topic with the cause in the {@code x-exception-*} headers
 * and where it came from in the {@code x-original-*} headers, as the binder itself would. A
 * {@link PoisonMessageException} and the binding's non-retryable exceptions go there at once.</li>
 * </ul>
 * The failed record and those after it stay in the container's memory (no seek), and the pause lasts only as long
 * as the back-off; a rebalance during a pause hands the records on unprocessed, which is at-least-once as before.
 */
public final class ConsumerFailures implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsumerFailures.class);

    private static final HeaderNames BINDER_HEADER_NAMES = HeaderNames.Builder
            .original()
                .offsetHeader("x-original-offset")
                .timestampHeader("x-original-timestamp")
                .timestampTypeHeader("x-original-timestamp-type")
                .topicHeader("x-original-topic")
                .partitionHeader("x-original-partition")
                .consumerGroupHeader("x-original-consumer-group")
            .exception()
                .keyExceptionFqcn("x-key-exception-fqcn")
                .exceptionFqcn("x-exception-fqcn")
                .exceptionCauseFqcn("x-exception-cause-fqcn")
                .keyExceptionMessage("x-key-exception-message")
                .exceptionMessage("x-exception-message")
                .keyExceptionStacktrace("x-key-exception-stacktrace")
                .exceptionStacktrace("x-exception-stacktrace")
            .build();

    private final KafkaOperations<byte[], byte[]> deadLetters;
    private final DeadLetterMetrics deadLetterMetrics;
    private final Duration outageFirstPause;
    private final Duration outageLongestPause;
    private final Counter held;
    private final ThreadPoolTaskScheduler resumer = new ThreadPoolTaskScheduler();
    private final ListenerContainerPauseService pauses;

    public ConsumerFailures(KafkaOperations<byte[], byte[]> deadLetters, DeadLetterMetrics deadLetterMetrics,
            Duration outageFirstPause, Duration outageLongestPause, MeterRegistry meters) {
        this.deadLetters = deadLetters;
        this.deadLetterMetrics = deadLetterMetrics;
        this.outageFirstPause = outageFirstPause;
        this.outageLongestPause = outageLongestPause;
        this.held = Counter.builder("mailtrail.messages.held")
                .description("Handler calls and writes repeated because MongoDB or the Kafka broker was unreachable")
                .register(meters);
        resumer.setPoolSize(1);
        resumer.setThreadNamePrefix("consumer-resume-");
        resumer.setDaemon(true);
        resumer.initialize();
        pauses = new ListenerContainerPauseService(null, resumer);
    }

    /** Retries and dead letters are this class's, for every binding. */
    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        configure(container, destinationName, group, dlqDestinationResolver, backOff, null);
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        ConsumerRecordRecoverer lastAttempt = dlqDestinationResolver == null ? ConsumerFailures::logged
                : deadLettering(group, dlqDestinationResolver);
        DefaultErrorHandler handler = new DefaultErrorHandler(lastAttempt, backOff(backOff, properties),
                new ContainerPausingBackOffHandler(pauses));
        handler.setSeekAfterError(false);
        handler.setBackOffFunction((record, failure) -> OutageRetry.isOutage(failure) ? outageBackOff() : null);
        handler.setResetStateOnExceptionChange(true);
        handler.addNotRetryableExceptions(PoisonMessageException.class);
        if (properties != null) {
            properties.getRetryableExceptions().forEach((type, retryable) -> {
                if (Exception.class.isAssignableFrom(type)) {
                    if (retryable) {
                        handler.addRetryableExceptions(type.asSubclass(Exception.class));
                    } else {
                        handler.addNotRetryableExceptions(type.asSubclass(Exception.class));
                    }
                }
            });
        }
        handler.setRetryListeners(new OutageLog(destinationName));
        container.setCommonErrorHandler(handler);
    }

    /**
     * The binding's retries. In batch mode the binder passes none (it sets {@code max-attempts} to 1 there), so a
     * batch binding's failed record gets three attempts, one, two seconds apart, as the record bindings have.
     */
    private static BackOff backOff(BackOff configured, ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        if (configured != null) {
            return configured;
        }
        if (properties != null && properties.isBatchMode()) {
            ExponentialBackOff threeAttempts = new ExponentialBackOffWithMaxRetries(2);
            threeAttempts.setInitialInterval(1_000);
            threeAttempts.setMultiplier(2.0);
            return threeAttempts;
        }
        return new FixedBackOff(0L, 0L);
    }

    /** As long as the outage lasts: it is the infrastructure that failed, not the record. */
    private BackOff outageBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(outageFirstPause.toMillis(), 2.0);
        backOff.setMaxInterval(outageLongestPause.toMillis());
        return backOff;
    }

    /**
     * A binding without a dead-letter topic is one whose records only announce a change (the console's live view
     * of the log): a record that keeps failing is logged with its cause and passed over.
     */
    private static void logged(ConsumerRecord<?, ?> record, Exception failure) {
        log.error("Passing over {}-{}@{} after its last attempt: {}", record.topic(), record.partition(),
                record.offset(), messages(DeadLetterMetrics.cause(failure)));
    }

    private DeadLetterPublishingRecoverer deadLettering(String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters, (record, failure) -> {
            deadLetterMetrics.apply(group, record, failure);
            return dlqDestinationResolver.apply(record, failure);
        });
        recoverer.setHeaderNamesSupplier(() -> BINDER_HEADER_NAMES);
        recoverer.setExceptionHeadersCreator(ConsumerFailures::exceptionHeaders);
        return recoverer;
    }

    /** The binder's own {@code x-exception-*} headers: the cause that matters, not the framework's wrapping. */
    private static void exceptionHeaders(Headers headers, Exception failure, boolean isKey, HeaderNames names) {
        Throwable cause = DeadLetterMetrics.cause(failure);
        headers.add(new RecordHeader("x-exception-fqcn", utf8(cause.getClass().getName())));
        headers.add(new RecordHeader("x-exception-message", utf8(messages(cause))));
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        headers.add(new RecordHeader("x-exception-stacktrace", utf8(trace.toString())));
    }

    /** The messages of the cause and of what caused it, as the binder joins them. */
    private static String messages(Throwable cause) {
        List<String> messages = new ArrayList<>();
        for (Throwable one = cause; one != null; one = one.getCause() == one ? null : one.getCause()) {
            String message = one.getMessage();
            if (message != null && messages.stream().noneMatch(known -> known.contains(message))) {
                messages.add(message);
            }
        }
        return messages.isEmpty() ? cause.getClass().getSimpleName() : String.join("; ", messages);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() {
        resumer.shutdown();
    }

    /**
     * Counts every delivery, of a record or of a batch, repeated for an outage, and says that the work waits: at a
     * record's first failure, and for a batch (whose every failure the container reports as a first) at most once a
     * minute.
     */
    private final class OutageLog implements RetryListener {

        private static final long QUIET_NANOS = Duration.ofMinutes(1).toNanos();

        private final String destination;
        private final AtomicLong lastSaid = new AtomicLong(System.nanoTime() - QUIET_NANOS);

        OutageLog(String destination) {
            this.destination = destination;
        }

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
            if (OutageRetry.isOutage(failure)) {
                held.increment();
                if (deliveryAttempt == 1) {
                    say(failure);
                }
            }
        }

        @Override
        public void failedDelivery(ConsumerRecords<?, ?> records, Exception failure, int deliveryAttempt) {
            if (OutageRetry.isOutage(failure)) {
                held.increment();
                long said = lastSaid.get();
                if (System.nanoTime() - said >= QUIET_NANOS && lastSaid.compareAndSet(said, System.nanoTime())) {
                    say(failure);
                }
            }
        }

        private void say(Exception failure) {
            log.warn("Infrastructure unreachable ({}); {} pauses and retries until it is back",
                    OutageRetry.rootMessage(failure), destination);
        }
    }
}
