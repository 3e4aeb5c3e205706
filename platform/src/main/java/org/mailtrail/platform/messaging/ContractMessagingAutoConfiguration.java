package org.mailtrail.platform.messaging;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.stream.binder.kafka.common.BinderHeaderMapper;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The message codec, the contract publisher, a Kafka header mapper that writes and reads CloudEvents headers as plain
 * text, the outage retry every consumer is wrapped in, and a count of dead-lettered records.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class,
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
    ContractPublisher contractPublisher(StreamBridge bridge, ContractMessages messages, MeterRegistry meters) {
        return new ContractPublisher(bridge, messages, meters);
    }

    /** Every consumer function wraps its handler in this, so an outage holds messages instead of dead-lettering them. */
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
     * The binder looks this bean up by name. Without it, String headers go out JSON-quoted with
     * a Java type header, which subscribers in other languages cannot route by.
     */
    @Bean(name = "kafkaBinderHeaderMapper")
    @ConditionalOnClass(BinderHeaderMapper.class)
    @ConditionalOnMissingBean(name = "kafkaBinderHeaderMapper")
    BinderHeaderMapper kafkaBinderHeaderMapper(JsonMapper jsonMapper) {
        BinderHeaderMapper mapper = new BinderHeaderMapper(jsonMapper);
        CloudEventHeaders.ALL.forEach(header -> mapper.addRawMappedHeader(header, true));
        return mapper;
    }
}
