package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailtrail.events.Topics;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The deployments in this repository, checked as an operator's reviewer would. */
class DeploymentsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final TopicList TOPICS = TopicList.read(ROOT.resolve("deploy/kafka/topics.tsv"));
    private static final Map<String, Set<String>> READ = ServiceVariables.readIn(ROOT);

    @Nested
    class Kubernetes {

        @ParameterizedTest(name = "overlays/{0}")
        @ValueSource(strings = { "dev", "prod" })
        void everyOverlayRendersAndKeepsTheRules(String overlay) {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));

            assertThat(KubernetesRules.ofKind(objects, "Deployment")).extracting(d -> d.at("/metadata/name").asString())
                    .containsExactlyInAnyOrder("config-service", "mail-ingestor", "interaction-matcher",
                            "opportunity-service");
            assertThat(KubernetesRules.violations(objects)).isEmpty();
        }

        @ParameterizedTest(name = "overlays/{0}")
        @ValueSource(strings = { "dev", "prod" })
        void declaresEveryTopicAsAStrimziKafkaTopicWithItsPartitionsAndCleanupPolicy(String overlay) {
            Map<String, JsonNode> declared = KubernetesRules.ofKind(
                    Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay)), "KafkaTopic").stream()
                    .collect(Collectors.toMap(t -> t.at("/spec/topicName").asString(), t -> t));

            assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
            for (TopicList.Topic topic : TOPICS.topics()) {
                JsonNode resource = declared.get(topic.name());
                assertThat(resource.at("/spec/partitions").asInt()).as(topic.name()).isEqualTo(topic.partitions());
                assertThat(resource.at("/spec/config/cleanup.policy").asString()).as(topic.name())
                        .isEqualTo(topic.cleanupPolicy());
            }
        }

        @ParameterizedTest(name = "overlays/{0}")
        @ValueSource(strings = { "dev", "prod" })
        void givesEachServiceOnlyVariablesItReads(String overlay) {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));

            assertThat(KubernetesRules.unreadVariables(objects, READ)).isEmpty();
        }

        @Test
        void reportsAVariableTheServiceDoesNotRead() {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/dev"));
            KubernetesRules.ofKind(objects, "ConfigMap").stream()
                    .filter(c -> c.at("/metadata/name").asString().startsWith("interaction-matcher-config"))
                    .forEach(c -> ((ObjectNode) c.path("data")).put("INGESTOR_URL", "http://mail-ingestor:8080"));

            assertThat(KubernetesRules.unreadVariables(objects, READ)).containsExactly(
                    "interaction-matcher/interaction-matcher: gets INGESTOR_URL, which the service does not read");
        }

        @Test
        void scalesTheConsumersAndExposesOnlyTheWebhookInProduction() {
            List<JsonNode> prod = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod"));

            assertThat(KubernetesRules.ofKind(prod, "HorizontalPodAutoscaler"))
                    .extracting(h -> h.at("/spec/scaleTargetRef/name").asString())
                    .containsExactlyInAnyOrder("interaction-matcher", "opportunity-service");
            List<JsonNode> ingresses = KubernetesRules.ofKind(prod, "Ingress");
            assertThat(ingresses).hasSize(1);
            assertThat(ingresses.get(0).at("/spec/tls/0/secretName").asString()).isNotBlank();
            assertThat(ingresses.get(0).at("/spec/rules/0/http/paths"))
                    .extracting(path -> path.at("/backend/service/name").asString()).containsOnly("mail-ingestor");
        }

        @Test
        void reportsADeploymentThatLostItsProbes() {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/dev"));
            JsonNode matcher = KubernetesRules.ofKind(objects, "Deployment").stream()
                    .filter(d -> d.at("/metadata/name").asString().equals("interaction-matcher")).findFirst().orElseThrow();
            ObjectNode container = (ObjectNode) matcher.at("/spec/template/spec/containers/0");
            container.remove("readinessProbe");
            container.put("image", "mailtrail/interaction-matcher:latest");

            assertThat(KubernetesRules.violations(objects)).containsExactlyInAnyOrder(
                    "interaction-matcher/interaction-matcher: no readinessProbe on /actuator/health",
                    "interaction-matcher/interaction-matcher: image mailtrail/interaction-matcher:latest is not pinned to a tag other than latest");
        }
    }

    @Nested
    class Compose {

        private final JsonNode compose = Manifests.read(ROOT.resolve("docker-compose.yml"));

        @Test
        void keepsTheRules() {
            assertThat(ComposeRules.violations(compose)).isEmpty();
            assertThat(compose.path("services").propertyNames()).contains("kafka", "kafka-init", "mongo",
                    "config-service", "mail-ingestor", "interaction-matcher", "opportunity-service", "graph-emulator",
                    "prometheus", "grafana");
        }

        @Test
        void reportsAServiceThatLostItsHealthcheck() {
            ((ObjectNode) compose.path("services").path("mongo")).remove("healthcheck");

            assertThat(ComposeRules.violations(compose)).containsExactly("mongo: no healthcheck");
        }

        @Test
        void reportsASecretWrittenIntoTheFile() {
            ((ObjectNode) compose.path("services").path("config-service").path("environment"))
                    .put("MAILTRAIL_MASTER_KEYSET", "{\"primaryKeyId\":1}");

            assertThat(ComposeRules.violations(compose))
                    .containsExactly("config-service: secret MAILTRAIL_MASTER_KEYSET written into the file");
        }

        @Test
        void setsForEachServiceOnlyVariablesItReads() {
            assertThat(ComposeRules.unreadVariables(compose, READ)).isEmpty();
        }

        @Test
        void reportsAVariableTheServiceDoesNotRead() {
            ((ObjectNode) compose.path("services").path("interaction-matcher").path("environment"))
                    .put("INGESTOR_URL", "http://mail-ingestor:8080");

            assertThat(ComposeRules.unreadVariables(compose, READ))
                    .containsExactly("interaction-matcher: sets INGESTOR_URL, which the service does not read");
        }

        @Test
        void theEnvExampleNamesOnlyVariablesThatAreRead() {
            assertThat(ComposeRules.unreadVariablesOfEnvFile(Manifests.text(ROOT.resolve(".env.example")),
                    Manifests.text(ROOT.resolve("docker-compose.yml")), READ)).isEmpty();
        }

        @Test
        void reportsAVariableOfTheEnvExampleThatNothingReads() {
            String envExample = Manifests.text(ROOT.resolve(".env.example"))
                    + "# MAILTRAIL_GRAPH_TRUST_STORE_PATH=/trust/graph-emulator-truststore.p12\n";

            assertThat(ComposeRules.unreadVariablesOfEnvFile(envExample,
                    Manifests.text(ROOT.resolve("docker-compose.yml")), READ)).containsExactly(
                            "MAILTRAIL_GRAPH_TRUST_STORE_PATH is read by no service and not used by the compose file");
        }

        @Test
        void createsTheTopicsFromTheTopicList() {
            assertThat(compose.at("/services/kafka-init/entrypoint").toString()).contains("create-topics.sh", "topics.tsv");
        }
    }

    @Nested
    class Contracts {

        @Test
        void theTopicListNamesEveryTopicAndCompactsExactlyTheCompactedOnes() {
            assertThat(TOPICS.topics()).extracting(TopicList.Topic::name).containsExactlyInAnyOrderElementsOf(Topics.ALL);
            for (TopicList.Topic topic : TOPICS.topics()) {
                assertThat(topic.cleanupPolicy()).as(topic.name())
                        .isEqualTo(Topics.COMPACTED.contains(topic.name()) ? "compact" : "delete");
            }
        }

        @Test
        void asyncApiDocumentsTheSamePartitionsAndPolicies() {
            JsonNode asyncApi = Manifests.read(ROOT.resolve("common-model/src/main/resources/asyncapi.yaml"));
            Map<String, JsonNode> channels = new HashMap<>();
            asyncApi.path("channels").forEach(channel -> channels.put(channel.path("address").asString(), channel));

            for (TopicList.Topic topic : TOPICS.topics()) {
                JsonNode kafka = channels.get(topic.name()).at("/bindings/kafka");
                assertThat(kafka.path("partitions").asInt()).as(topic.name()).isEqualTo(topic.partitions());
                assertThat(kafka.at("/topicConfiguration/cleanup.policy/0").asString()).as(topic.name())
                        .isEqualTo(topic.cleanupPolicy());
            }
        }

        @Test
        void dashboardAndAlertsQueryOnlyMetersTheServicesRegister() {
            Set<String> registered = MeterNames.registeredIn(ROOT);
            String queries = Manifests.text(ROOT.resolve("deploy/prometheus/alerts.yml"))
                    + Manifests.text(ROOT.resolve("k8s/components/monitoring/dashboards/mailtrail.json"));

            assertThat(registered).contains("mailtrail_mail_received", "mailtrail_messages_deadlettered");
            assertThat(MeterNames.queriedIn(queries)).isNotEmpty().allSatisfy(name -> assertThat(registered)
                    .as("a meter named %s in some service", name).contains(name));
        }

        @Test
        void composeAndKubernetesAlertOnTheSameRules() {
            JsonNode alerts = Manifests.read(ROOT.resolve("deploy/prometheus/alerts.yml"));
            JsonNode rule = Manifests.read(ROOT.resolve("k8s/components/monitoring/prometheus-rule.yaml"));

            assertThat(rule.path("spec")).isEqualTo(alerts);
            assertThat(alerts.at("/groups/0/rules").findValuesAsString("alert")).contains(
                    "MailtrailSubscriptionExpiringSoon", "MailtrailConsumerLag", "MailtrailDeadLettersGrowing",
                    "MailtrailGraphThrottling", "MailtrailSetupCheckFailing");
        }
    }
}
