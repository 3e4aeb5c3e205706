package org.mailtrail.platform.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.mailtrail.platform.tracing.Traces;
import org.mailtrail.platform.tracing.TracingAutoConfiguration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.common.BinderHeaderMapper;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The message codec, the contract publisher, a Kafka header mapper that writes and reads CloudEvents headers as plain
 * text, how every consumer rides out failures and outages, and a count of dead-lettered records.
 */
@AutoConfiguration(after = { JacksonAutoConfiguration.class, KafkaAutoConfiguration.class,
        TracingAutoConfiguration.class },
        afterName = "org.springframework.cloud.stream.function.FunctionConfiguration")
@EnableConfigurationProperties(MessagingProperties.class)
public class ContractMessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ContractMessages contractMessages(JsonMapper jsonMapper, @Value("${spring.application.name}") String application) {
        return new ContractMessages(jsonMapper, "/mailtrail/" + application);
    }

    @Bean
    @ConditionalOnBean(StreamBridge.class)
    @ConditionalOnMissingBean
    ContractPublisher contractPublisher(StreamBridge bridge, ContractMessages messages, MeterRegistry meters,
            Traces traces) {
        return new ContractPublisher(bridge, messages, meters, traces);
    }

    /** For a write, outside any consumer, that records work already done elsewhere and must outlast an outage. */
    @Bean
    @ConditionalOnMissingBean
    OutageRetry outageRetry(MessagingProperties properties, MeterRegistry meters) {
        return new OutageRetry(properties.outageWait(), Duration.ofMillis(500), Duration.ofSeconds(5), meters);
    }

    @Bean
    @ConditionalOnClass(DlqPartitionFunction.class)
    @ConditionalOnMissingBean(DlqPartitionFunction.class)
    DeadLetterMetrics deadLetterMetrics(MeterRegistry registry) {
        return new DeadLetterMetrics(registry);
    }

    /**
     * Every consumer binding's retries and dead letters, in its listener container: an outage pauses the
     * partitions instead of holding the poll loop. Dead letters go out through a producer of their own, configured
     * as {@code spring.kafka.*} says, with the records' bytes as they were read.
     */
    @Bean
    @ConditionalOnBean(StreamBridge.class)
    @ConditionalOnMissingBean
    ConsumerFailures consumerFailures(KafkaProperties kafka, DeadLetterMetrics deadLetterMetrics,
            MessagingProperties properties, MeterRegistry meters) {
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters-" + UUID.randomUUID());
        KafkaTemplate<byte[], byte[]> deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer,
                new ByteArraySerializer(), new ByteArraySerializer()));
        return new ConsumerFailures(deadLetters, deadLetterMetrics, Duration.ofMillis(500),
                properties.outageLongestPause(), meters);
    }

    /**
     * The binder looks this bean up by name. Without it, String headers go out JSON-quoted with
     * a Java type header, which subscribers in other languages cannot route by.
     */
    @Bean(name = "kafkaBinderHeaderMapper")
    @ConditionalOnClass(BinderHeaderMapper.class)
    @ConditionalOnMissingBean(name = "kafkaBinderHeaderMapper")
    BinderHeaderMapper kafkaBinderHeaderMapper(JsonMapper jsonMapper) {
        BinderHeaderMapper mapper = new BinderHeaderMapper(jsonMapper);
        CloudEventHeaders.ALL.forEach(header -> mapper.addRawMappedHeader(header, true));
        mapper.addRawMappedHeader(Traces.TRACEPARENT, true);
        return mapper;
    }
}
