package org.mailtrail.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** {@link ServiceTokens} for every service; it asks for its settings only when a call needs a token. */
@AutoConfiguration
@EnableConfigurationProperties(ServiceClientProperties.class)
public class ServiceClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceTokens serviceTokens(ServiceClientProperties properties) {
        return new ServiceTokens(properties);
    }
}
