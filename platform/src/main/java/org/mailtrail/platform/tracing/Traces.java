package org.mailtrail.platform.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.mailtrail.events.Contract;
import org.mailtrail.platform.messaging.CloudEventHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The trace context where the code carries it itself rather than through an instrumented client: into a stored
 * record (the outbox keeps the {@code traceparent} of the change that wrote an entry), out of it again (the entry is
 * published in that trace), and through a consumer in batch mode, whose records each came in their own trace.
 * Trace ids are made and carried whether or not a span is sampled or exported, so a log line and a record can always
 * be matched.
 */
public class Traces {

    /** The W3C Trace Context header, on HTTP requests and Kafka records alike. */
    public static final String TRACEPARENT = "traceparent";

    private static final Pattern W3C = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    /** The traceparent of each record of the batch being handled on this thread, by the record's event id. */
    private static final ThreadLocal<Map<String, String>> BATCH = new ThreadLocal<>();

    private final Tracer tracer;
    private final Propagator propagator;
    private final ObservationRegistry observations;

    public Traces(Tracer tracer, Propagator propagator, ObservationRegistry observations) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.propagator = Objects.requireNonNull(propagator, "propagator");
        this.observations = Objects.requireNonNull(observations, "observations");
    }

    /** For code that runs without tracing: nothing is carried, work runs as it is. */
    public static Traces none() {
        return new Traces(Tracer.NOOP, Propagator.NOOP, ObservationRegistry.NOOP);
    }

    /** The {@code traceparent} of the span current on this thread; null outside any trace. */
    public String traceparent() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Runs {@code work} in a span {@code name} that continues the trace of {@code traceparent}; without one (none
     * was stored, or it is not a W3C traceparent), in the current trace, or in a new one outside any. The span is
     * an observation's, so whatever the work hands to other threads through a context-propagating executor, and
     * the sends it makes through an observed client, stay in the trace.
     */
    public <T> T within(String traceparent, String name, Supplier<T> work) {
        Observation observation;
        if (isTraceparent(traceparent)) {
            ReceiverContext<Map<String, String>> context = new ReceiverContext<>((carrier, key) -> carrier.get(key));
            context.setCarrier(Map.of(TRACEPARENT, traceparent));
            observation = Observation.createNotStarted(name, () -> context, observations);
        } else {
            observation = Observation.createNotStarted(name, observations);
        }
        return observation.observe(work);
    }

    public void within(String traceparent, String name, Runnable work) {
        within(traceparent, name, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs the handling of a batch of records (a consumer in batch mode, which the binder's observation does not
     * cover) with each record's {@code traceparent} at hand, by its {@code ce_id}, for {@link #withinTraceOf}.
     */
    public void handleBatch(Message<?> batch, Runnable handling) {
        Map<String, String> byEventId = new HashMap<>();
        if (batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS) instanceof List<?> headers) {
            for (Object record : headers) {
                if (record instanceof Map<?, ?> recordHeaders) {
                    String id = text(recordHeaders.get(CloudEventHeaders.ID));
                    String traceparent = text(recordHeaders.get(TRACEPARENT));
                    if (id != null && traceparent != null) {
                        byEventId.put(id, traceparent);
                    }
                }
            }
        }
        Map<String, String> outer = BATCH.get();
        BATCH.set(byEventId);
        try {
            handling.run();
        } finally {
            if (outer == null) {
                BATCH.remove();
            } else {
                BATCH.set(outer);
            }
        }
    }

    /**
     * Runs work for one event of a batch in a span {@code name} of the trace its record came with; outside a batch,
     * or for an event its batch brought no trace for, in the current trace.
     */
    public <T> T withinTraceOf(Contract event, String name, Supplier<T> work) {
        Map<String, String> batch = BATCH.get();
        String traceparent = batch == null ? null : batch.get(event.eventId().toString());
        if (traceparent == null) {
            return work.get();
        }
        return within(traceparent, name, work);
    }

    public void withinTraceOf(Contract event, String name, Runnable work) {
        withinTraceOf(event, name, () -> {
            work.run();
            return null;
        });
    }

    /** The trace id of a W3C {@code traceparent} ({@code 00-<trace id>-<parent id>-<flags>}). */
    public static String traceId(String traceparent) {
        if (!isTraceparent(traceparent)) {
            throw new IllegalArgumentException("not a W3C traceparent: " + traceparent);
        }
        return traceparent.substring(3, 35);
    }

    static boolean isTraceparent(String value) {
        return value != null && W3C.matcher(value).matches();
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
