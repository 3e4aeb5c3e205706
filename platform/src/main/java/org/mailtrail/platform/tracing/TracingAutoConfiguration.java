package org.mailtrail.platform.tracing;

import org.mailtrail.platform.logging.LogFormatProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * {@link Traces}, and the OTLP export of spans where {@code mailtrail.tracing.otlp-traces-endpoint} names a
 * collector. Without one Boot makes no exporter: spans are still made (sampled as
 * {@code management.tracing.sampling.probability} says), their ids propagated on HTTP and Kafka and written in
 * every log line, and go nowhere.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration")
@EnableConfigurationProperties({ TracingProperties.class, LogFormatProperties.class })
public class TracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Traces traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
            ObjectProvider<ObservationRegistry> observations) {
        return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /**
     * The Kafka observations make spans, not meters: spring-kafka registers its own timers of the same names first
     * ({@code spring.kafka.listener}, {@code spring.kafka.template}, tagged {@code name}, {@code result},
     * {@code exception}), and Prometheus refuses a second meter of one name with other tag keys, with a warning. The
     * observations' meters are told apart by their {@code messaging.system} tag.
     */
    @Bean
    MeterFilter kafkaObservationMetersLeftOut() {
        return MeterFilter.deny(id -> id.getName().startsWith("spring.kafka.") && id.getTag("messaging.system") != null);
    }

    @Bean
    @Conditional(ExportsSpans.class)
    @ConditionalOnMissingBean
    OtlpTracingConnectionDetails mailtrailOtlpTracingConnectionDetails(TracingProperties properties) {
        String endpoint = properties.otlpTracesEndpoint().toString();
        return transport -> endpoint;
    }

    /** An endpoint is set; an empty value (the variable given but blank) is none. */
    static class ExportsSpans implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("mailtrail.tracing.otlp-traces-endpoint"));
        }
    }
}
