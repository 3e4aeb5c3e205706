package org.mailtrail.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class KafkaObservationMetersTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    KafkaObservationMetersTest() {
        registry.config().meterFilter(new TracingAutoConfiguration().kafkaObservationMetersLeftOut());
    }

    @Test
    void keepsSpringKafkasOwnTimersAndLeavesOutTheObservationsOfTheSameName() {
        Timer.builder("spring.kafka.listener").tags("name", "matchMail-in-0.container-0", "result", "success",
                "exception", "none").register(registry).record(Duration.ofMillis(3));
        Timer.builder("spring.kafka.listener").tags("messaging.system", "kafka", "messaging.source.name",
                "mail.received.v1", "error", "none").register(registry).record(Duration.ofMillis(3));
        Timer.builder("spring.kafka.template").tags("messaging.system", "kafka", "error", "none").register(registry)
                .record(Duration.ofMillis(1));

        assertThat(registry.find("spring.kafka.listener").timers()).singleElement()
                .satisfies(timer -> assertThat(timer.getId().getTag("name")).isEqualTo("matchMail-in-0.container-0"));
        assertThat(registry.find("spring.kafka.template").timers()).isEmpty();
    }

    @Test
    void leavesEveryOtherMeterAlone() {
        Timer.builder("http.server.requests").tags("messaging.system", "kafka").register(registry);
        Timer.builder("mailtrail.match.duration").register(registry);

        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
                .containsExactlyInAnyOrder("http.server.requests", "mailtrail.match.duration");
    }
}
