package org.mailtrail.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.directory.SalespersonUpserted;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;

class TracesTest {

    @Test
    void carriesNoTraceOutsideAny() {
        TracingContexts.runner().run(context -> assertThat(context.getBean(Traces.class).traceparent()).isNull());
    }

    @Test
    void continuesAStoredTraceInASpanOfItsOwn() {
        TracingContexts.runner().run(context -> {
            Traces traces = context.getBean(Traces.class);
            String stored = TracingContexts.traceparent(true);

            String inside = traces.within(stored, "work", traces::traceparent);

            assertThat(Traces.traceId(inside)).isEqualTo(Traces.traceId(stored));
            assertThat(inside).as("a span of its own, not the stored one").isNotEqualTo(stored).endsWith("-01");
            assertThat(traces.traceparent()).as("after the work").isNull();
        });
    }

    @Test
    void continuesATraceThatIsNotSampledAsWell() {
        TracingContexts.runner().run(context -> {
            Traces traces = context.getBean(Traces.class);
            String stored = TracingContexts.traceparent(false);

            String inside = traces.within(stored, "work", traces::traceparent);

            assertThat(Traces.traceId(inside)).isEqualTo(Traces.traceId(stored));
            assertThat(inside).endsWith("-00");
        });
    }

    @Test
    void startsATraceForWorkWithoutOne() {
        TracingContexts.runner().run(context -> {
            Traces traces = context.getBean(Traces.class);

            String inside = traces.within(null, "work", traces::traceparent);

            assertThat(inside).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        });
    }

    @Test
    void makesAndCarriesTraceIdsWhereNothingIsSampled() {
        TracingContexts.runner().withPropertyValues("management.tracing.sampling.probability=0.0").run(context -> {
            Traces traces = context.getBean(Traces.class);

            String inside = traces.within(null, "work", traces::traceparent);

            assertThat(inside).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
            assertThat(Traces.traceId(inside)).isNotEqualTo("0".repeat(32));
        });
    }

    @Test
    void handsEachEventOfABatchTheTraceItsRecordCameWith() {
        TracingContexts.runner().run(context -> {
            Traces traces = context.getBean(Traces.class);
            SalespersonUpserted first = salesperson("S1");
            SalespersonUpserted second = salesperson("S2");
            SalespersonUpserted untraced = salesperson("S3");
            String firstTrace = TracingContexts.traceparent(true);
            String secondTrace = TracingContexts.traceparent(true);
            // The binder gives raw-mapped headers as text and others as bytes: both are read.
            Message<List<byte[]>> batch = MessageBuilder.withPayload(List.of(new byte[0], new byte[0], new byte[0]))
                    .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.of(
                            Map.of("ce_id", first.eventId().toString(), Traces.TRACEPARENT, firstTrace),
                            Map.of("ce_id", second.eventId().toString().getBytes(StandardCharsets.UTF_8),
                                    Traces.TRACEPARENT, secondTrace.getBytes(StandardCharsets.UTF_8)),
                            Map.of("ce_id", untraced.eventId().toString())))
                    .build();
            AtomicReference<String> seenFirst = new AtomicReference<>();
            AtomicReference<String> seenSecond = new AtomicReference<>();
            AtomicReference<String> seenUntraced = new AtomicReference<>("not run");

            traces.handleBatch(batch, () -> {
                seenFirst.set(traces.withinTraceOf(first, "one", traces::traceparent));
                seenSecond.set(traces.withinTraceOf(second, "one", traces::traceparent));
                seenUntraced.set(traces.withinTraceOf(untraced, "one", traces::traceparent));
            });

            assertThat(Traces.traceId(seenFirst.get())).isEqualTo(Traces.traceId(firstTrace));
            assertThat(Traces.traceId(seenSecond.get())).isEqualTo(Traces.traceId(secondTrace));
            assertThat(seenUntraced.get()).as("an event whose record brought no trace").isNull();
            assertThat(traces.withinTraceOf(first, "after", traces::traceparent)).as("after the batch").isNull();
        });
    }

    @Test
    void refusesToReadATraceIdFromWhatIsNotATraceparent() {
        assertThatThrownBy(() -> Traces.traceId("00-not-a-trace")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a W3C traceparent: 00-not-a-trace");
        assertThat(Traces.traceId("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void exportsSpansOverOtlpOnlyWhereAnEndpointIsConfigured() {
        TracingContexts.runner().withPropertyValues("mailtrail.tracing.otlp-traces-endpoint=").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(OtlpHttpSpanExporter.class);
            assertThat(context.getBean(Traces.class).within(null, "work", context.getBean(Traces.class)::traceparent))
                    .as("trace ids made all the same").isNotNull();
        });
        TracingContexts.runner()
                .withPropertyValues("mailtrail.tracing.otlp-traces-endpoint=http://collector.example:4318/v1/traces")
                .run(context -> {
                    assertThat(context).hasSingleBean(OtlpHttpSpanExporter.class);
                    assertThat(context.getBean(OtlpTracingConnectionDetails.class).getUrl(null))
                            .isEqualTo("http://collector.example:4318/v1/traces");
                });
    }

    @Test
    void refusesAnEndpointThatIsNotAnHttpUrl() {
        TracingContexts.runner().withPropertyValues("mailtrail.tracing.otlp-traces-endpoint=collector:4318")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("mailtrail.tracing.otlp-traces-endpoint must be an http(s) URL"));
    }

    private static SalespersonUpserted salesperson(String code) {
        return new SalespersonUpserted(UUID.randomUUID(), Instant.parse("2026-12-05T09:00:00Z"), 1, code, code,
                List.of());
    }
}
