package org.mailtrail.platform.tracing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A context with the tracing a service has (Boot's, on OpenTelemetry) and the platform's, for tests. */
public final class TracingContexts {

    public static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withPropertyValues("spring.application.name=tracing-test",
                        "management.tracing.sampling.probability=1.0")
                .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                        MicrometerTracingAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class, OtlpTracingAutoConfiguration.class,
                        TracingAutoConfiguration.class));
    }

    /** A traceparent as another service would send it: a random trace, sampled or not. */
    public static String traceparent(boolean sampled) {
        return "00-" + hex(16) + "-" + hex(8) + (sampled ? "-01" : "-00");
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private TracingContexts() {
    }
}
