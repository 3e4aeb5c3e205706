package org.mailtrail.config.graph;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphProperties.class)
class GraphConfiguration {

    @Bean
    GraphHttp graphHttp(GraphProperties properties) {
        return new GraphHttp(properties);
    }

    @Bean
    EntraTokenEndpoint entraTokenEndpoint(GraphHttp http, JsonMapper json) {
        return new EntraTokenEndpoint(http, json);
    }
}
