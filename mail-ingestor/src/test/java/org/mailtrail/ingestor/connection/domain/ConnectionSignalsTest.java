package org.mailtrail.ingestor.connection.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.connection.store.SignalStore;
import org.mailtrail.ingestor.work.WorkerPool;
import org.mailtrail.platform.scheduling.Timers;
import org.mailtrail.platform.tracing.Traces;
import org.mailtrail.platform.tracing.TracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ConnectionSignalsTest {

    private static final String WEBHOOK = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final ApplicationContextRunner tracing = new ApplicationContextRunner()
            .withPropertyValues("spring.application.name=signals-test", "management.tracing.sampling.probability=1.0")
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, TracingAutoConfiguration.class));

    @Test
    void theInstanceRunningTheConnectionHandlesASignalInTheTraceItWasPostedIn() {
        tracing.run(context -> {
            Traces traces = context.getBean(Traces.class);
            SignalStore store = storeInMemory();
            WorkerPool pool = new WorkerPool();
            Timers timers = new Timers(1);
            IngestorProperties properties = mock(IngestorProperties.class);
            when(properties.ownership()).thenReturn(new IngestorProperties.Ownership(Duration.ofSeconds(30),
                    Duration.ofSeconds(10), Duration.ofMillis(50)));
            ConnectionSignals signals = new ConnectionSignals(store, pool, timers, Clock.systemUTC(), traces,
                    properties);
            AtomicReference<String> handledIn = new AtomicReference<>();
            try {
                signals.receive("sync", () -> List.of("contoso"), signal -> handledIn.set(traces.traceparent()));

                traces.within(WEBHOOK, "a webhook request", () -> signals.post("contoso", "sync", null));

                await().atMost(Duration.ofSeconds(5)).until(() -> handledIn.get() != null);
                assertThat(Traces.traceId(handledIn.get())).isEqualTo(Traces.traceId(WEBHOOK));
            } finally {
                signals.destroy();
                timers.destroy();
                pool.destroy();
            }
        });
    }

    /** Posted signals kept until taken, as the store keeps them in MongoDB. */
    private static SignalStore storeInMemory() {
        SignalStore store = mock(SignalStore.class);
        List<ConnectionSignal> posted = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> posted.add(invocation.getArgument(0))).when(store).post(any(), any());
        when(store.take(eq("sync"), any())).thenAnswer(invocation -> {
            List<ConnectionSignal> taken = List.copyOf(posted);
            posted.removeAll(taken);
            return taken;
        });
        return store;
    }
}
