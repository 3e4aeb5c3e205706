package org.mailtrail.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.directory.SalespersonUpserted;
import org.mailtrail.platform.tracing.Traces;
import org.mailtrail.platform.tracing.TracingContexts;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ContractPublisherTest {

    private final StreamBridge bridge = mock(StreamBridge.class);
    private final ContractPublisher publisher = new ContractPublisher(bridge,
            new ContractMessages(ContractJson.mapper(), "/mailtrail/test"), new SimpleMeterRegistry());
    /** The salesperson codes the broker was given, in whatever order the sends reached it. */
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        publisher.destroy();
    }

    @Test
    void publishesSeveralSideBySideAndReturnsOnceTheBrokerHasEveryOne() {
        // Each send waits until all eight are waiting: sent one after the other, the first would wait for ever.
        CountDownLatch allWaiting = new CountDownLatch(8);
        when(bridge.send(anyString(), any(Message.class))).thenAnswer(invocation -> {
            allWaiting.countDown();
            boolean together = allWaiting.await(10, TimeUnit.SECONDS);
            sent.add(code(invocation.getArgument(1)));
            return together;
        });

        publisher.publishAll(salespeople(8));

        assertThat(sent).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 8).mapToObj(i -> "S" + i).toList());
    }

    @Test
    void triesEveryOneAndThenThrowsWhenTheBrokerDidNotConfirmOne() {
        when(bridge.send(anyString(), any(Message.class))).thenAnswer(invocation -> {
            String code = code(invocation.getArgument(1));
            sent.add(code);
            return !code.equals("S2");
        });

        assertThatThrownBy(() -> publisher.publishAll(salespeople(5)))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("the binding refused it");
        assertThat(sent).hasSize(5);
    }

    @Test
    void sendsEveryRecordInTheCallersTraceFromWhicheverThreadSendsIt() {
        TracingContexts.runner().run(context -> {
            Traces traces = context.getBean(Traces.class);
            ContractPublisher traced = new ContractPublisher(bridge,
                    new ContractMessages(ContractJson.mapper(), "/mailtrail/test"), new SimpleMeterRegistry(), traces);
            List<String> traceparents = new CopyOnWriteArrayList<>();
            when(bridge.send(anyString(), any(Message.class))).thenAnswer(invocation -> {
                traceparents.add(KafkaRecords.header(invocation.getArgument(1), Traces.TRACEPARENT));
                return true;
            });
            String caller = TracingContexts.traceparent(true);

            try {
                traces.within(caller, "caller", () -> traced.publishAll(salespeople(4)));
                traced.publish(salespeople(1).get(0));
            } finally {
                traced.destroy();
            }

            assertThat(traceparents).hasSize(5);
            assertThat(traceparents.subList(0, 4)).allSatisfy(
                    traceparent -> assertThat(Traces.traceId(traceparent)).isEqualTo(Traces.traceId(caller)));
            assertThat(traceparents.get(4)).as("a record sent outside any trace").isNull();
        });
    }

    private static List<SalespersonUpserted> salespeople(int count) {
        return IntStream.range(0, count).mapToObj(i -> new SalespersonUpserted(UUID.randomUUID(),
                Instant.parse("2026-12-05T09:00:00Z"), 1, "S" + i, "Salesperson " + i, List.of())).toList();
    }

    private static String code(Message<?> message) {
        return ContractJson.mapper().readValue((byte[]) message.getPayload(), SalespersonUpserted.class)
                .salespersonCode();
    }
}
