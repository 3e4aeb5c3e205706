package org.mailtrail.config.graph;

import org.mailtrail.config.secret.domain.KeyVaultSecrets;
import org.mailtrail.platform.graph.GraphTrust;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.azure.identity.DefaultAzureCredentialBuilder;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphProperties.class)
class GraphConfiguration {

    @Bean
    GraphHttp graphHttp(GraphProperties properties, GraphTrust trust) {
        return new GraphHttp(properties, trust);
    }

    /** Key Vault is reached like Entra, through azure-core's client with the same trust. */
    @Bean
    KeyVaultSecrets keyVaultSecrets(GraphHttp http) {
        // The credential is resolved lazily by the SDK, at the first read of a keyvault: reference.
        return KeyVaultSecrets.withCredential(new DefaultAzureCredentialBuilder().build(), http.azureHttpClient());
    }

    @Bean
    GraphHosts graphHosts(GraphProperties properties) {
        return new GraphHosts(properties.allowedHosts());
    }

    @Bean
    EntraTokenEndpoint entraTokenEndpoint(GraphHttp http, GraphHosts hosts, JsonMapper json) {
        return new EntraTokenEndpoint(http, hosts, json);
    }
}
