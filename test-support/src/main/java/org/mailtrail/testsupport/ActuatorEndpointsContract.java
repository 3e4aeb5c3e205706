package org.mailtrail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailtrail.testsupport.security.Tokens;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * What an operator needs of every service: health reported UP (MongoDB checked with ping)
 * and metrics for Prometheus tagged with the application, read with a token granted {@code metrics.read} as
 * Prometheus reads them; the probes without one. An
 * {@link IntegrationTest} of a service implements this interface to inherit the checks.
 */
public interface ActuatorEndpointsContract {

    @Test
    default void reportsHealthUpWithMongoCheckedByPing(@LocalServerPort int port) {
        JsonNode health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                .retrieve().body(JsonNode.class);

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/mongo/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/mongo/details/command").asString()).isEqualTo("ping");
    }

    @Test
    default void servesLivenessAndReadinessProbes(@LocalServerPort int port) {
        RestClient client = RestClient.create("http://127.0.0.1:" + port);

        for (String probe : new String[] { "liveness", "readiness" }) {
            JsonNode state = client.get().uri("/actuator/health/" + probe).retrieve().body(JsonNode.class);
            assertThat(state.get("status").asString()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    default void servesPrometheusMetricsTaggedWithTheApplication(@LocalServerPort int port) {
        String scraper = Tokens.metrics();
        String metrics = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus")
                .headers(headers -> headers.setBearerAuth(scraper)).retrieve().body(String.class);

        assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"");
    }
}
