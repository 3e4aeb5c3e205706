package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Each service's Kafka user allowed exactly what its bindings do, and each Deployment signed in as its user. */
class KafkaAccessTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, KafkaAccess.Access> SERVICES = KafkaAccess.readIn(ROOT);

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = { "dev", "prod", "prod-keda" })
    void everyServicesKafkaUserAllowsExactlyWhatItsBindingsDo(String overlay) {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));

        assertThat(KafkaAccess.violations(objects, SERVICES)).isEmpty();
        assertThat(KubernetesRules.byName(objects, "KafkaUser")).containsKeys("mailtrail-config-service",
                "mailtrail-mail-ingestor", "mailtrail-interaction-matcher", "mailtrail-opportunity-service",
                "mailtrail-console");
    }

    @Test
    void readsWhatEachServiceConsumesAndProducesFromItsBindings() {
        KafkaAccess.Access matcher = SERVICES.get("interaction-matcher");
        assertThat(matcher.reads()).contains("mail.received.v1", "mail.archived.v1", "opportunity.events.v1",
                "mail.received.v1.interaction-matcher.dlq");
        assertThat(matcher.writes()).contains("interaction.events.v1", "mail.disposition.v1",
                "mail.received.v1.interaction-matcher.dlq", "opportunity.events.v1.interaction-matcher.dlq");
        assertThat(matcher.groups()).containsExactly("interaction-matcher");

        assertThat(SERVICES.get("config-service").reads()).isEmpty();
        assertThat(SERVICES.get("config-service").writes()).containsExactly("config.connections.v1");
        // The console reads without a group of its own: the binder makes one per instance.
        assertThat(SERVICES.get("console").reads()).containsExactly("interaction.events.v1");
        assertThat(SERVICES.get("console").groups()).isEmpty();
        assertThat(SERVICES.get("console").groupPrefixes()).containsExactly("anonymous.");
    }

    @Test
    void aNewBindingWithoutAnAclFails() {
        JsonNode configuration = Manifests.read(ROOT.resolve("opportunity-service/src/main/resources/application.yml"));
        ObjectNode bindings = (ObjectNode) configuration.at("/spring/cloud/stream/bindings");
        bindings.putObject("archiveOpportunity-in-0").put("destination", "mail.archived.v1")
                .put("group", "${spring.application.name}");
        bindings.putObject("opportunityAudit-out-0").put("destination", "opportunity.audit.v1");
        Map<String, KafkaAccess.Access> services = new TreeMap<>(SERVICES);
        services.put("opportunity-service", KafkaAccess.of("opportunity-service", configuration));

        assertThat(KafkaAccess.violations(Manifests.kustomize(ROOT.resolve("k8s/overlays/dev")), services))
                .containsExactlyInAnyOrder(
                        "KafkaUser/mailtrail-opportunity-service: reads without an ACL: [mail.archived.v1]",
                        "KafkaUser/mailtrail-opportunity-service: writes without an ACL: [opportunity.audit.v1]");
    }

    @Test
    void anAclNoBindingNeedsAndAUserThatDoesMoreThanItShouldFail() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod-keda"));
        ArrayNode acls = (ArrayNode) KubernetesRules.byName(objects, "KafkaUser").get("mailtrail-console")
                .at("/spec/authorization/acls");
        ObjectNode write = acls.addObject();
        write.putObject("resource").put("type", "topic").put("name", "mail.received.v1").put("patternType", "literal");
        write.putArray("operations").add("Write").add("Describe");
        ObjectNode all = acls.addObject();
        all.putObject("resource").put("type", "cluster");
        all.putArray("operations").add("All");
        ((ArrayNode) KubernetesRules.byName(objects, "KafkaUser").get("mailtrail-keda").at("/spec/authorization/acls/0")
                .path("operations")).add("Read");
        ((ObjectNode) KubernetesRules.byName(objects, "KafkaUser").get("mailtrail-mail-ingestor")
                .at("/spec/authentication")).put("type", "scram-sha-256");

        assertThat(KafkaAccess.violations(objects, SERVICES)).containsExactlyInAnyOrder(
                "KafkaUser/mailtrail-console: [All] on cluster (literal), which no binding needs",
                "KafkaUser/mailtrail-console: ACLs for writes no binding has: [mail.received.v1]",
                "KafkaUser/mailtrail-mail-ingestor: authentication is neither scram-sha-512 nor tls",
                "KafkaUser/mailtrail-keda: of no service, yet allowed Read on topic mail.received.v1");
    }

    @Test
    void aDeploymentThatDoesNotSignInAsItsUserFails() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/dev"));
        for (JsonNode variable : KubernetesRules.byName(objects, "Deployment").get("console")
                .at("/spec/template/spec/containers/0/env")) {
            if (variable.path("name").asString().equals("MAILTRAIL_KAFKA_SASL_JAAS_CONFIG")) {
                ((ObjectNode) variable.at("/valueFrom/secretKeyRef")).put("name", "mailtrail-interaction-matcher");
            }
        }

        assertThat(KafkaAccess.violations(objects, SERVICES)).containsExactly("console: its Deployment does not take"
                + " MAILTRAIL_KAFKA_SASL_JAAS_CONFIG from the Secret mailtrail-console (key sasl.jaas.config)");
    }

    @Test
    void refusesABindingWithoutADestination() {
        JsonNode configuration = Manifests.parse("""
                spring:
                  cloud:
                    stream:
                      bindings:
                        matchMail-in-0:
                          group: matcher
                """).get(0);

        assertThatThrownBy(() -> KafkaAccess.of("interaction-matcher", configuration))
                .hasMessage("interaction-matcher: binding matchMail-in-0 has no destination");
    }
}
