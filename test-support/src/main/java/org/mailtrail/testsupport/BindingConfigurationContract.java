package org.mailtrail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaExtendedBindingProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;

/**
 * The binding configuration every service keeps uniform: destinations are contract topics
 * (the {@link Topics} constants), every consumer is in the application's group, retries a
 * bounded number of times and dead-letters to {@code <topic>.<group>.dlq}. A service's
 * {@link IntegrationTest} implements this interface to have its YAML checked.
 */
public interface BindingConfigurationContract {

    /** Bindings whose destination is not a contract topic (none, unless a service says otherwise). */
    default boolean isContractBinding(String bindingName) {
        return true;
    }

    @Test
    default void bindsContractTopicsWithBoundedRetriesAndADeadLetterTopicPerGroup(
            @Autowired BindingServiceProperties streams, @Autowired KafkaExtendedBindingProperties kafka,
            @Value("${spring.application.name}") String application) {
        assertThat(streams.getBindings()).as("bindings").isNotEmpty();
        streams.getBindings().forEach((name, binding) -> {
            if (isContractBinding(name)) {
                assertThat(Topics.ALL).as("destination of %s", name).contains(binding.getDestination());
            }
            if (name.contains("-in-")) {
                checkConsumer(name, binding, kafka.getExtendedConsumerProperties(name), application);
            }
        });
    }

    private static void checkConsumer(String name, BindingProperties binding, KafkaConsumerProperties kafka,
            String application) {
        assertThat(binding.getGroup()).as("group of %s", name).isEqualTo(application);
        assertThat(binding.getConsumer().getMaxAttempts()).as("max-attempts of %s", name).isBetween(1, 10);
        assertThat(kafka.isEnableDlq()).as("enable-dlq of %s", name).isTrue();
        assertThat(kafka.getDlqName()).as("dlq-name of %s", name)
                .isEqualTo(Topics.deadLetter(binding.getDestination(), application));
    }
}
