package org.mailtrail.platform.json;

import org.mailtrail.events.ContractJson;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/** Applies common-model's JSON settings to the mapper Spring builds, so HTTP and Kafka share them. */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
public class ContractJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer contractJsonSettings() {
        return ContractJson::configure;
    }
}
