package org.mailtrail.platform.graph;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/** The service's {@link GraphTrust}, built when a service that talks to Graph first asks for it. */
@AutoConfiguration
@EnableConfigurationProperties(GraphTrustProperties.class)
public class GraphTrustAutoConfiguration {

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    GraphTrust graphTrust(GraphTrustProperties properties) {
        return new GraphTrust(properties);
    }
}
