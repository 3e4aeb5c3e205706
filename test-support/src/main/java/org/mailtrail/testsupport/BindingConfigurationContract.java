package org.mailtrail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.Topics;
import org.mailtrail.platform.messaging.OutputBindings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBindingProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaProducerProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.Environment;

/**
 * The binding configuration every service keeps uniform: destinations are contract topics
 * (the {@link Topics} constants), every consumer is in the application's group, retries a
 * bounded number of times and dead-letters to {@code <topic>.<group>.dlq}; every output binding is
 * named after its topic ({@link OutputBindings}) and sends synchronously. A service's
 * {@link IntegrationTest} implements this interface to have its YAML checked.
 */
public interface BindingConfigurationContract {

    /** Bindings whose destination is not a contract topic (none, unless a service says otherwise). */
    default boolean isContractBinding(String bindingName) {
        return true;
    }

    @Test
    default void bindsContractTopicsWithBoundedRetriesAndADeadLetterTopicPerGroup(
            @Autowired BindingServiceProperties streams, @Autowired Environment environment,
            @Value("${spring.application.name}") String application) {
        assertThat(streams.getBindings()).as("bindings").isNotEmpty();
        streams.getBindings().forEach((name, binding) -> {
            if (isContractBinding(name)) {
                assertThat(Topics.ALL).as("destination of %s", name).contains(binding.getDestination());
            }
            if (name.contains("-in-")) {
                checkConsumer(name, binding, kafkaConsumer(environment, name), application);
            } else if (isContractBinding(name)) {
                checkProducer(name, binding, kafkaProducer(environment, name));
            }
        });
    }

    /**
     * The binding's Kafka consumer settings as the binder will read them; the binder's own
     * properties bean lives in its child context, out of a test's reach.
     */
    private static KafkaConsumerProperties kafkaConsumer(Environment environment, String binding) {
        // Bound as a map: binding names such as fooBar-in-0 are not valid property path elements.
        Map<String, KafkaBindingProperties> bindings = Binder.get(environment)
                .bind("spring.cloud.stream.kafka.bindings", Bindable.mapOf(String.class, KafkaBindingProperties.class))
                .orElseGet(Map::of);
        KafkaBindingProperties properties = bindings.get(binding);
        return properties == null ? new KafkaConsumerProperties() : properties.getConsumer();
    }

    private static KafkaProducerProperties kafkaProducer(Environment environment, String binding) {
        Map<String, KafkaBindingProperties> bindings = Binder.get(environment)
                .bind("spring.cloud.stream.kafka.bindings", Bindable.mapOf(String.class, KafkaBindingProperties.class))
                .orElseGet(Map::of);
        KafkaBindingProperties properties = bindings.get(binding);
        return properties == null ? new KafkaProducerProperties() : properties.getProducer();
    }

    /** An output binding is named after its topic and synchronous, so a send returns only once the broker has the record. */
    private static void checkProducer(String name, BindingProperties binding, KafkaProducerProperties kafka) {
        assertThat(name).as("name of the output binding to %s", binding.getDestination())
                .isEqualTo(OutputBindings.of(binding.getDestination()));
        assertThat(kafka.isSync()).as("producer.sync of %s", name).isTrue();
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
