package org.mailtrail.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailtrail.testsupport.ActuatorEndpointsContract;
import org.mailtrail.testsupport.BindingConfigurationContract;
import org.mailtrail.testsupport.IntegrationTest;
import org.mailtrail.testsupport.security.Allowed;
import org.mailtrail.testsupport.security.AuthorizationMatrix;
import org.mailtrail.testsupport.security.TestIssuer;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** opportunity-service starts on the real broker and MongoDB server and serves what operators and API clients read first. */
@IntegrationTest
class OpportunityServiceApplicationIT implements ActuatorEndpointsContract, BindingConfigurationContract {

    @LocalServerPort
    int port;

    @Test
    void describesItsApiInOpenApi() {
        JsonNode paths = new Api(port).get("/v3/api-docs").body().get("paths");

        assertThat(paths.propertyNames()).contains("/api/interactions/{interactionId}/promotions",
                "/api/promotions/{commandId}", "/api/opportunities", "/api/opportunities/{id}");
        assertThat(paths.at("/~1api~1opportunities~1{id}").propertyNames()).contains("get", "patch");
    }

    @Test
    void everyEndpointWantsATokenOfTheIssuerForItAndTheRoleItsRuleNames() {
        AuthorizationMatrix.of("http://127.0.0.1:" + port, TestIssuer.shared())
                .audience("mailtrail").serviceAudience("mailtrail-opportunity-service")
                .documentRequiresToken()
                .rule("POST /api/interactions/{interactionId}/promotions", Allowed.roles("salesperson", "sales-manager"))
                .rule("GET /api/promotions/{commandId}", Allowed.roles("salesperson", "sales-manager"))
                .rule("GET /api/opportunities", Allowed.roles("salesperson", "sales-manager"))
                .rule("GET /api/opportunities/{id}", Allowed.roles("salesperson", "sales-manager"))
                .rule("PATCH /api/opportunities/{id}", Allowed.roles("salesperson", "sales-manager"))
                .body("PATCH /api/opportunities/{id}", "application/merge-patch+json", "{}")
                .verify();
    }

    @Test
    void servesThePromotionMetricsBeforeTheFirstPromotion() {
        String metrics = new Api(port).metrics();

        assertThat(metrics).contains("mailtrail_promotions_completed_total{application=\"opportunity-service\","
                + "outcome=\"created\",reason=\"none\"} 0.0");
        assertThat(metrics).contains("outcome=\"rejected\",reason=\"INTERACTION_NOT_FOUND\"");
    }
}
