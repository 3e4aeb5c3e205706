package org.mailtrail.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailtrail.platform.tracing.Traces;
import org.mailtrail.platform.tracing.TracingAutoConfiguration;
import org.mailtrail.platform.tracing.TracingContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A service started with {@code mailtrail.logging.format=json} writes JSON lines that name the trace of each. */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogLineTest {

    private static final Logger log = LoggerFactory.getLogger(JsonLogLineTest.class);

    @SpringBootConfiguration
    @ImportAutoConfiguration({ ObservationAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
            OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
            TracingAutoConfiguration.class })
    static class TracedService {
    }

    @Test
    void writesTheTraceAndSpanIdsOfItsSpanInEveryJsonLine(CapturedOutput output) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TracedService.class)
                .web(WebApplicationType.NONE)
                .properties("spring.application.name=json-log-test", "mailtrail.logging.format=json").run()) {
            Traces traces = context.getBean(Traces.class);
            String received = TracingContexts.traceparent(true);

            String span = traces.within(received, "logged work", () -> {
                log.info("mail c1/<m1@contoso.example> matched");
                return traces.traceparent();
            });

            String line = output.getOut().lines().filter(l -> l.contains("mail c1/<m1@contoso.example> matched"))
                    .findFirst().orElseThrow();
            JsonNode json = JsonMapper.builder().build().readTree(line);
            assertThat(json.path("message").asString()).isEqualTo("mail c1/<m1@contoso.example> matched");
            assertThat(json.path("traceId").asString()).isEqualTo(Traces.traceId(received));
            assertThat(json.path("spanId").asString()).isEqualTo(span.substring(36, 52));
        }
    }
}
