package org.mailtrail.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.mailtrail.events.Contract;
import org.mailtrail.events.ContractType;
import org.mailtrail.events.ContractTypes;
import org.mailtrail.platform.tracing.Traces;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one way a service puts a contract on Kafka: the topic comes from {@link ContractTypes}, the
 * binding from {@link OutputBindings}, the key and CloudEvents headers from {@link ContractMessages}.
 * Every output binding is synchronous ({@code producer.sync: true}), so {@link #publish} returns only
 * once the broker has the record and throws {@link PublishFailedException} when it does not: a caller
 * never takes an unconfirmed record for a published one. Since each send waits for its confirmation, records sent
 * one after the other are each a request of their own; {@link #publishAll} and {@link #alongside} send on a few
 * threads of the publisher's own, side by side, and the producer puts the records that wait into the same requests.
 */
public class ContractPublisher implements DisposableBean {

    /** How many records may wait for their confirmation at once. */
    private static final int SENDERS = 16;

    private final StreamBridge bridge;
    private final ContractMessages messages;
    private final MeterRegistry meters;
    private final Traces traces;
    /** Each send runs in the caller's observation, so its record carries the caller's trace. */
    private final ExecutorService senders = ContextExecutorService.wrap(senderThreads(),
            ContextSnapshotFactory.builder().build());

    public ContractPublisher(StreamBridge bridge, ContractMessages messages, MeterRegistry meters, Traces traces) {
        this.bridge = bridge;
        this.messages = messages;
        this.meters = meters;
        this.traces = traces;
    }

    /** A publisher outside any trace. */
    public ContractPublisher(StreamBridge bridge, ContractMessages messages, MeterRegistry meters) {
        this(bridge, messages, meters, Traces.none());
    }

    public void publish(Contract contract) {
        ContractType type = ContractTypes.of(contract.getClass());
        send(type.topic(), messages.encode(contract), type.name() + " " + contract.eventId());
        published(type.topic(), type.name());
    }

    /**
     * Publishes several contracts side by side, for records that need no order among them (each has its own key, or
     * their order does not matter). Returns once the broker confirmed every one; when any was not, throws the first
     * failure after every send has ended, so the caller knows that all the others were tried.
     *
     * @throws PublishFailedException when the broker did not confirm a record
     */
    public void publishAll(List<? extends Contract> contracts) {
        if (contracts.size() <= 1) {
            contracts.forEach(this::publish);
            return;
        }
        List<CompletableFuture<Void>> sending = new ArrayList<>(contracts.size());
        for (Contract contract : contracts) {
            sending.add(alongside(() -> {
                publish(contract);
                return null;
            }));
        }
        RuntimeException failure = null;
        for (CompletableFuture<Void> send : sending) {
            try {
                send.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs a caller's own sequence of sends (records that must keep their order) on a sender thread. */
    public <T> CompletableFuture<T> alongside(Supplier<T> sends) {
        return CompletableFuture.supplyAsync(sends, senders);
    }

    @Override
    public void destroy() {
        senders.shutdown();
    }

    private static ExecutorService senderThreads() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(SENDERS, task -> {
            Thread thread = new Thread(task, "contract-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A record without a value under {@code key}: on a compacted topic, the key is deleted. */
    public void publishTombstone(String topic, String key) {
        Message<KafkaNull> tombstone = MessageBuilder.withPayload(KafkaNull.INSTANCE)
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .build();
        send(topic, tombstone, "the tombstone of " + key);
        published(topic, "tombstone");
    }

    private void send(String topic, Message<?> message, String what) {
        boolean sent;
        try {
            sent = bridge.send(OutputBindings.of(topic), traced(message));
        } catch (RuntimeException e) {
            throw new PublishFailedException(what + " is not on " + topic + ": " + e.getMessage(), e);
        }
        if (!sent) {
            throw new PublishFailedException(what + " is not on " + topic + ": the binding refused it", null);
        }
    }

    /**
     * The record with the current trace context, so that it carries the trace even where the binder's own
     * observation is off; where it is on, the producer's span replaces the header with its own, in the same trace.
     */
    private Message<?> traced(Message<?> message) {
        String traceparent = traces.traceparent();
        return traceparent == null ? message
                : MessageBuilder.fromMessage(message).setHeader(Traces.TRACEPARENT, traceparent).build();
    }

    private void published(String topic, String type) {
        Counter.builder("mailtrail.events.published")
                .description("Records the broker confirmed, by topic and type")
                .tag("topic", topic).tag("type", type)
                .register(meters).increment();
    }
}
