package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailtrail.deploy.NetworkPolicies.Pod;
import org.mailtrail.deploy.NetworkPolicies.Port;
import org.mailtrail.events.Topics;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The deployments in this repository, checked as an operator's reviewer would. */
class DeploymentsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** mailtrail's own services and the console: each a Deployment, and a compose service built from the Dockerfile. */
    private static final List<String> SERVICES = List.of("config-service", "mail-ingestor", "interaction-matcher",
            "opportunity-service", "console");
    /** The ingress controller's pods, in a namespace the operator labels mailtrail.org/ingress=true. */
    private static final Pod INGRESS_CONTROLLER = Pod.in("ingress-nginx", Map.of("mailtrail.org/ingress", "true"),
            Map.of("app.kubernetes.io/name", "ingress-nginx"));
    /** Prometheus, in a namespace the operator labels mailtrail.org/monitoring=true. */
    private static final Pod PROMETHEUS = Pod.in("monitoring", Map.of("mailtrail.org/monitoring", "true"),
            Map.of("app.kubernetes.io/name", "prometheus"));
    private static final Pod KUBE_DNS = Pod.in("kube-system", Map.of(), Map.of("k8s-app", "kube-dns"));
    private static final TopicList TOPICS = TopicList.read(ROOT.resolve("deploy/kafka/topics.tsv"));
    private static final Map<String, Set<String>> READ = ServiceVariables.readIn(ROOT);
    private static final List<ScalingRules.GroupConsumer> CONSUMERS = ScalingRules.readIn(ROOT);
    /** A token of the shape an issuer signs (header, claims, signature), made here rather than kept in a file. */
    private static final String JWT = Stream.of("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
            "{\"iss\":\"http://localhost:8081\",\"roles\":[\"mailtrail-service\"]}", "signature")
            .map(part -> Base64.getUrlEncoder().withoutPadding().encodeToString(part.getBytes(StandardCharsets.UTF_8)))
            .collect(Collectors.joining("."));

    @Nested
    class Kubernetes {

        @ParameterizedTest(name = "overlays/{0}")
        @ValueSource(strings = { "dev", "prod", "prod-keda" })
        void everyOverlayRendersAndKeepsTheRules(String overlay) {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));

            assertThat(KubernetesRules.ofKind(objects, "Deployment")).extracting(d -> d.at("/metadata/name").asString())
                    .containsExactlyInAnyOrderElementsOf(SERVICES);
            assertThat(KubernetesRules.violations(objects)).isEmpty();
        }

        @ParameterizedTest(name = "overlays/{0}")
        @ValueSource(strings = { "dev", "prod" })
        void declaresEveryTopicAsAStrimziKafkaTopicWithItsPartitionsAndSettings(String overlay) {
            Map<String, JsonNode> declared = KubernetesRules.ofKind(
                    Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay)), "KafkaTopic").stream()
                    .collect(Collectors.toMap(t -> t.at("/spec/topicName").asString(), t -> t));

            assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(
                    Stream.concat(Topics.ALL.stream(), Topics.DEAD_LETTERS.stream()).toList());
            for (TopicList.Topic topic : TOPICS.topics()) {
                JsonNode resource = declared.get(topic.name());
                assertThat(resource.at("/spec/partitions").asInt()).as(topic.name()).isEqualTo(topic.partitions());
                JsonNode config = resource.at("/spec/config");
                assertThat(config.path("cleanup.policy").asString()).as(topic.name()).isEqualTo(topic.cleanupPolicy());
                assertThat(config.path("retention.ms").asLong(0)).as(topic.name() + " retention.ms")
                        .isEqualTo(topic.retentionMs());
                assertThat(config.path("segment.ms").asLong(0)).as(topic.name() + " segment.ms")
                        .isEqualTo(topic.segmentMs());
            }
        }

        @ParameterizedTest(name = "overlays/{0}")
        @ValueSource(strings = { "dev", "prod", "prod-keda" })
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
        void scalesTheConsumersAndExposesTheWebhookAndTheConsoleInProduction() {
            List<JsonNode> prod = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod"));

            assertThat(KubernetesRules.ofKind(prod, "HorizontalPodAutoscaler"))
                    .extracting(h -> h.at("/spec/scaleTargetRef/name").asString())
                    .containsExactlyInAnyOrder("interaction-matcher", "opportunity-service");
            Map<String, JsonNode> ingresses = KubernetesRules.byName(prod, "Ingress");
            assertThat(ingresses).containsOnlyKeys("mail-ingestor-webhook", "console", "console-actuator");
            assertThat(ingresses.values()).allSatisfy(ingress -> {
                assertThat(ingress.at("/spec/tls/0/secretName").asString()).isNotBlank();
                assertThat(ingress.at("/spec/tls/0/hosts/0").asString()).isEqualTo(ingress.at("/spec/rules/0/host").asString());
            });
            assertThat(ingresses.get("mail-ingestor-webhook").at("/spec/rules/0/http/paths"))
                    .extracting(path -> path.at("/backend/service/name").asString()).containsOnly("mail-ingestor");
            assertThat(ingresses.get("mail-ingestor-webhook").at("/spec/rules/0/http/paths"))
                    .extracting(path -> path.path("pathType").asString()).containsOnly("Exact");
            assertThat(ingresses.get("console").at("/spec/rules/0/http/paths"))
                    .extracting(path -> path.at("/backend/service/name").asString()).containsOnly("console");
            assertThat(KubernetesRules.ofKind(Manifests.kustomize(ROOT.resolve("k8s/overlays/dev")), "Ingress")).isEmpty();
        }

        @ParameterizedTest(name = "overlays/{0}")
        @ValueSource(strings = { "dev", "prod", "prod-keda" })
        void scalesNoConsumerBeyondThePartitionsOfItsTopics(String overlay) {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));

            assertThat(ScalingRules.violations(objects, CONSUMERS, TOPICS)).isEmpty();
        }

        @Test
        void readsEveryServicesConsumersInAGroupWithTheirConcurrency() {
            assertThat(CONSUMERS).contains(
                    new ScalingRules.GroupConsumer("interaction-matcher", "matchMail-in-0", "mail.received.v1", 3,
                            Optional.of("MAILTRAIL_MATCHER_CONCURRENCY")),
                    new ScalingRules.GroupConsumer("mail-ingestor", "applyDisposition-in-0", "mail.disposition.v1", 1,
                            Optional.empty()),
                    new ScalingRules.GroupConsumer("opportunity-service", "projectInteraction-in-0",
                            "interaction.events.v1", 1, Optional.empty()));
            // The console reads the log's events without a group: every replica reads every partition.
            assertThat(CONSUMERS).extracting(ScalingRules.GroupConsumer::service).doesNotContain("console");
        }

        @Test
        void reportsAnAutoscalerThatAddsReplicasWithoutPartitions() {
            List<JsonNode> prod = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod"));
            ((ObjectNode) KubernetesRules.byName(prod, "HorizontalPodAutoscaler").get("interaction-matcher")
                    .path("spec")).put("maxReplicas", 12).put("minReplicas", 2);

            assertThat(ScalingRules.violations(prod, CONSUMERS, TOPICS)).containsExactlyInAnyOrder(
                    "interaction-matcher: the autoscaler's minimum 2 is not the Deployment's 3 replicas",
                    "interaction-matcher: up to 12 replicas × 3 consumers of mail.received.v1 (matchMail-in-0) for its"
                            + " 12 partitions: 24 would get none");
        }

        @Test
        void takesTheConcurrencyTheDeploymentGives() {
            List<JsonNode> prod = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod"));
            JsonNode matcher = KubernetesRules.byName(prod, "Deployment").get("interaction-matcher");
            ((ObjectNode) matcher.at("/spec/template/spec/containers/0")).withArray("env").addObject()
                    .put("name", "MAILTRAIL_MATCHER_CONCURRENCY").put("value", "6");

            assertThat(ScalingRules.violations(prod, CONSUMERS, TOPICS)).containsExactly(
                    "interaction-matcher: up to 4 replicas × 6 consumers of mail.received.v1 (matchMail-in-0) for its"
                            + " 12 partitions: 12 would get none");
        }

        @Test
        void sendsEachBrowserBackToTheConsoleReplicaThatHoldsItsSession() {
            List<JsonNode> prod = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod"));
            JsonNode console = deployment(prod, "console");
            JsonNode ingress = KubernetesRules.byName(prod, "Ingress").get("console");

            assertThat(KubernetesRules.ofKind(prod, "HorizontalPodAutoscaler"))
                    .noneMatch(h -> h.at("/spec/scaleTargetRef/name").asString().equals("console"));
            if (console.at("/spec/replicas").asInt(1) > 1) {
                assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1affinity").asString())
                        .isEqualTo("cookie");
                assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1affinity-mode").asString())
                        .isEqualTo("persistent");
                assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1session-cookie-secure")
                        .asString()).isEqualTo("true");
            }
            // The directory import's CSV files (up to 20 MB) must get through.
            assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size").asString())
                    .isEqualTo("20m");
        }

        @Test
        void keepsTheConsolesActuatorInsideTheCluster() {
            List<JsonNode> prod = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod"));
            String host = KubernetesRules.byName(prod, "Ingress").get("console").at("/spec/rules/0/host").asString();
            JsonNode actuator = KubernetesRules.byName(prod, "Ingress").get("console-actuator");

            assertThat(actuator.at("/spec/rules/0/host").asString()).isEqualTo(host);
            assertThat(actuator.at("/spec/rules/0/http/paths/0/path").asString()).isEqualTo("/actuator");
            assertThat(actuator.at("/spec/rules/0/http/paths/0/pathType").asString()).isEqualTo("Prefix");
            assertThat(actuator.at("/metadata/annotations/nginx.ingress.kubernetes.io~1whitelist-source-range")
                    .asString()).isEqualTo("127.0.0.1/32");
        }

        @ParameterizedTest(name = "overlays/{0}")
        @ValueSource(strings = { "dev", "prod" })
        void givesTheCallingServicesAClientAndEveryServiceTheIssuerButNoToken(String overlay) {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));

            assertThat(TokenRules.inManifests(objects)).isEmpty();
            for (String service : SERVICES) {
                assertThat(environment(objects, service)).as(service).containsKeys("MAILTRAIL_JWT_ISSUER_URI",
                        "MAILTRAIL_JWT_AUDIENCES");
            }
            for (String service : List.of("mail-ingestor", "interaction-matcher")) {
                Map<String, JsonNode> environment = environment(objects, service);
                assertThat(environment).as(service).containsKeys("MAILTRAIL_TOKEN_URI", "MAILTRAIL_CLIENT_ID");
                assertThat(environment.get("MAILTRAIL_CLIENT_SECRET").at("/valueFrom/secretKeyRef")).as(service)
                        .isEqualTo(JsonMapper.builder().build().createObjectNode()
                                .put("name", "mailtrail-" + service + "-client").put("key", "secret"));
            }
            assertThat(environment(objects, "opportunity-service").get("MAILTRAIL_MATCHER_URL").asString())
                    .isEqualTo("http://interaction-matcher:8080");
        }

        @ParameterizedTest(name = "overlays/{0}")
        @ValueSource(strings = { "dev", "prod" })
        void signsPeopleInToTheConsoleWithItsOwnClientAndCallsTheServicesInTheNamespace(String overlay) {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));
            Map<String, JsonNode> console = environment(objects, "console");

            assertThat(console).containsKeys("MAILTRAIL_CONSOLE_CLIENT_ID", "MAILTRAIL_CONSOLE_SCOPES",
                    "MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS");
            assertThat(console.get("MAILTRAIL_CONSOLE_CLIENT_SECRET").at("/valueFrom/secretKeyRef"))
                    .isEqualTo(JsonMapper.builder().build().createObjectNode()
                            .put("name", "mailtrail-console-client").put("key", "secret"));
            // With Entra ID the access token is issued for the one API scope asked for: mailtrail's.
            assertThat(console.get("MAILTRAIL_CONSOLE_SCOPES").asString().split(","))
                    .contains("openid", "offline_access").anyMatch(scope -> scope.endsWith("/access_as_user"));
            assertThat(console.get("MAILTRAIL_CONFIG_SERVICE_URL").asString()).isEqualTo("http://config-service:8080");
            assertThat(console.get("MAILTRAIL_MATCHER_URL").asString()).isEqualTo("http://interaction-matcher:8080");
            assertThat(console.get("MAILTRAIL_OPPORTUNITY_URL").asString()).isEqualTo("http://opportunity-service:8080");
        }

        @ParameterizedTest(name = "overlays/{0}")
        @ValueSource(strings = { "dev", "prod" })
        void letsTheConsoleReachWhatItNeedsAndNothingElse(String overlay) {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));
            Pod console = NetworkPolicies.podOf(objects, "console");
            Port http = Port.tcp(8080, "http");

            assertThat(NetworkPolicies.selecting(objects, console)).extracting(p -> p.at("/metadata/name").asString())
                    .contains("console");
            assertThat(NetworkPolicies.allows(objects, INGRESS_CONTROLLER, console, http)).isTrue();
            assertThat(NetworkPolicies.allows(objects, PROMETHEUS, console, http)).isTrue();
            assertThat(NetworkPolicies.allows(objects, Pod.in("elsewhere", Map.of(), Map.of()), console, http)).isFalse();
            assertThat(NetworkPolicies.allows(objects, NetworkPolicies.podOf(objects, "mail-ingestor"), console, http))
                    .isFalse();

            for (String service : List.of("config-service", "interaction-matcher", "opportunity-service")) {
                assertThat(NetworkPolicies.allows(objects, console, NetworkPolicies.podOf(objects, service), http))
                        .as("console → " + service).isTrue();
            }
            assertThat(NetworkPolicies.allows(objects, console, NetworkPolicies.podOf(objects, "mail-ingestor"), http))
                    .as("console → mail-ingestor, which it does not call").isFalse();
            assertThat(NetworkPolicies.allows(objects, console, KUBE_DNS, new Port(53, "dns", "UDP"))).isTrue();
            assertThat(NetworkPolicies.allows(objects, console, KUBE_DNS, new Port(53, "dns-tcp", "TCP"))).isTrue();
            // The brokers' ingress is Strimzi's (it makes a NetworkPolicy per listener); the console's egress is ours.
            assertThat(NetworkPolicies.allowsEgress(objects, console, kafkaBroker(console),
                    Port.tcp(9093, "tcp-clientstls"))).isTrue();
            assertThat(NetworkPolicies.allowsEgress(objects, console, mongo(console), Port.tcp(27017, "mongodb")))
                    .isFalse();
            // The issuer, Entra ID: login.microsoftonline.com's addresses are public and change.
            assertThat(NetworkPolicies.allowsOut(objects, console, "20.190.160.20", Port.tcp(443, "https"))).isTrue();
            assertThat(NetworkPolicies.allowsOut(objects, console, "20.190.160.20", Port.tcp(80, "http"))).isFalse();
            assertThat(NetworkPolicies.allowsOut(objects, console, "10.12.0.7", Port.tcp(443, "https"))).isFalse();
        }

        @ParameterizedTest(name = "overlays/{0}")
        @ValueSource(strings = { "dev", "prod" })
        void letsPrometheusScrapeEveryServiceAndNoOneElseInFromOutside(String overlay) {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));

            for (String service : SERVICES) {
                Pod pod = NetworkPolicies.podOf(objects, service);
                assertThat(NetworkPolicies.allows(objects, PROMETHEUS, pod, Port.tcp(8080, "http"))).as(service).isTrue();
                assertThat(NetworkPolicies.allows(objects, Pod.in("elsewhere", Map.of(), Map.of()), pod,
                        Port.tcp(8080, "http"))).as(service).isFalse();
            }
            assertThat(SERVICES.stream().filter(service -> NetworkPolicies.allows(objects, INGRESS_CONTROLLER,
                    NetworkPolicies.podOf(objects, service), Port.tcp(8080, "http"))))
                    .as("services the ingress controller reaches").containsExactlyInAnyOrder("mail-ingestor", "console");
        }

        @Test
        void reportsAPolicyThatShutsTheConsoleOut() {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/dev"));
            ArrayNode from = (ArrayNode) KubernetesRules.byName(objects, "NetworkPolicy").get("config-service")
                    .at("/spec/ingress/0/from");
            for (int i = from.size() - 1; i >= 0; i--) {
                if (from.get(i).at("/podSelector/matchLabels/app.kubernetes.io~1name").asString("").equals("console")) {
                    from.remove(i);
                }
            }
            Pod console = NetworkPolicies.podOf(objects, "console");

            assertThat(NetworkPolicies.allows(objects, console, NetworkPolicies.podOf(objects, "config-service"),
                    Port.tcp(8080, "http"))).isFalse();
            assertThat(NetworkPolicies.allows(objects, console, NetworkPolicies.podOf(objects, "interaction-matcher"),
                    Port.tcp(8080, "http"))).isTrue();
        }

        @Test
        void reportsAConsoleThatBrokeTheRules() {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/dev"));
            JsonNode console = deployment(objects, "console");
            ObjectNode container = (ObjectNode) console.at("/spec/template/spec/containers/0");
            container.remove("startupProbe");
            container.remove("volumeMounts");
            ArrayNode env = (ArrayNode) container.path("env");
            for (JsonNode variable : env) {
                if (variable.path("name").asString().equals("MAILTRAIL_CONSOLE_CLIENT_SECRET")) {
                    ((ObjectNode) variable).remove("valueFrom");
                    ((ObjectNode) variable).put("value", "written-down");
                }
            }
            ((ObjectNode) KubernetesRules.byName(objects, "NetworkPolicy").get("console").path("spec"))
                    .putObject("podSelector");
            KubernetesRules.ofKind(objects, "ConfigMap").stream()
                    .filter(c -> c.at("/metadata/name").asString().startsWith("console-config"))
                    .forEach(c -> ((ObjectNode) c.path("data")).put("MAILTRAIL_KAFKA_PASSWORD", "written-down"));
            ((ObjectNode) console.at("/spec/template/spec/securityContext")).put("runAsNonRoot", false);

            assertThat(KubernetesRules.violations(objects)).containsExactlyInAnyOrder(
                    "console: pod securityContext.runAsNonRoot is not true",
                    "console/console: no startupProbe on /actuator/health",
                    "console/console: no emptyDir at /tmp (the JVM and Tomcat write there)",
                    "console/console: MAILTRAIL_CONSOLE_CLIENT_SECRET is written into the manifest, not taken from a Secret",
                    "console/console: MAILTRAIL_KAFKA_PASSWORD comes from ConfigMap "
                            + configMapName(objects, "console-config") + ", not from a Secret",
                    "console: its NetworkPolicy does not select its pods");
        }

        @Test
        void reportsAnObjectOutsideTheNamespace() {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod"));
            ((ObjectNode) KubernetesRules.byName(objects, "Ingress").get("console").path("metadata")).remove("namespace");

            assertThat(KubernetesRules.violations(objects))
                    .containsExactly("Ingress/console: in namespace (none), not mailtrail");
        }

        @Test
        void scrapesMetricsWithAClientCredentialsToken() {
            JsonNode endpoint = KubernetesRules.ofKind(Manifests.kustomize(ROOT.resolve("k8s/overlays/prod")),
                    "ServiceMonitor").get(0).at("/spec/endpoints/0");

            assertThat(endpoint.at("/oauth2/clientSecret/name").asString()).isEqualTo("mailtrail-prometheus-client");
            assertThat(endpoint.at("/oauth2/tokenUrl").asString()).endsWith("/oauth2/v2.0/token");
            assertThat(endpoint.at("/oauth2/scopes/0").asString()).endsWith("/.default");
        }

        @Test
        void reportsATokenInAVariableASecretOrAConfigMap() {
            List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/dev"));
            JsonNode ingestor = KubernetesRules.ofKind(objects, "Deployment").stream()
                    .filter(d -> d.at("/metadata/name").asString().equals("mail-ingestor")).findFirst().orElseThrow();
            ArrayNode env = (ArrayNode) ingestor.at("/spec/template/spec/containers/0/env");
            ObjectNode internalToken = env.addObject().put("name", "MAILTRAIL_INTERNAL_TOKEN");
            internalToken.putObject("valueFrom").putObject("secretKeyRef").put("name", "mailtrail-internal-token")
                    .put("key", "token");
            KubernetesRules.ofKind(objects, "ConfigMap").stream()
                    .filter(c -> c.at("/metadata/name").asString().equals("mailtrail-shared-config"))
                    .forEach(c -> ((ObjectNode) c.path("data")).put("MAILTRAIL_ADMIN_CREDENTIALS", JWT));
            List<JsonNode> withSecret = new ArrayList<>(objects);
            ObjectNode secret = JsonMapper.builder().build().createObjectNode().put("kind", "Secret");
            secret.putObject("metadata").put("name", "mailtrail-admin");
            secret.putObject("data").put("credentials",
                    Base64.getEncoder().encodeToString(JWT.getBytes(StandardCharsets.UTF_8)));
            withSecret.add(secret);

            assertThat(TokenRules.inManifests(withSecret)).containsExactlyInAnyOrder(
                    "Deployment/mail-ingestor: /spec/template/spec/containers/0/env/4/name names MAILTRAIL_INTERNAL_TOKEN, a token",
                    "Deployment/mail-ingestor: /spec/template/spec/containers/0/env/4/valueFrom/secretKeyRef/name names mailtrail-internal-token, a token",
                    "Deployment/mail-ingestor: /spec/template/spec/containers/0/env/4/valueFrom/secretKeyRef/key names token, a token",
                    "ConfigMap/mailtrail-shared-config: /data/MAILTRAIL_ADMIN_CREDENTIALS holds a JWT",
                    "Secret/mailtrail-admin: /data/credentials holds a JWT (base64-encoded)");
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

    private static JsonNode deployment(List<JsonNode> objects, String name) {
        return KubernetesRules.byName(objects, "Deployment").get(name);
    }

    private static String configMapName(List<JsonNode> objects, String prefix) {
        return KubernetesRules.ofKind(objects, "ConfigMap").stream().map(c -> c.at("/metadata/name").asString())
                .filter(name -> name.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** A Strimzi broker of the cluster mailtrail, in the namespace of {@code neighbour}. */
    private static Pod kafkaBroker(Pod neighbour) {
        return new Pod(neighbour.namespace(), neighbour.namespaceLabels(), Map.of("strimzi.io/cluster", "mailtrail",
                "strimzi.io/kind", "Kafka", "strimzi.io/name", "mailtrail-kafka"));
    }

    /** A MongoDB pod in the namespace of {@code neighbour}. */
    private static Pod mongo(Pod neighbour) {
        return new Pod(neighbour.namespace(), neighbour.namespaceLabels(), Map.of("app.kubernetes.io/name", "mongo"));
    }

    /** A service's variables, from its container's env and the ConfigMaps of its envFrom: name → env entry or value. */
    private static Map<String, JsonNode> environment(List<JsonNode> objects, String service) {
        JsonNode container = KubernetesRules.ofKind(objects, "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asString().equals(service)).findFirst().orElseThrow()
                .at("/spec/template/spec/containers/0");
        Map<String, JsonNode> environment = new HashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            String name = source.at("/configMapRef/name").asString();
            KubernetesRules.ofKind(objects, "ConfigMap").stream().filter(c -> c.at("/metadata/name").asString().equals(name))
                    .forEach(c -> c.path("data").properties().forEach(e -> environment.put(e.getKey(), e.getValue())));
        }
        container.path("env").forEach(variable -> environment.put(variable.path("name").asString(), variable));
        return environment;
    }

    @Nested
    class Compose {

        private final JsonNode compose = Manifests.read(ROOT.resolve("docker-compose.yml"));

        @Test
        void keepsTheRules() {
            assertThat(ComposeRules.violations(compose)).isEmpty();
            assertThat(compose.path("services").propertyNames()).contains("kafka", "kafka-init", "mongo",
                    "config-service", "mail-ingestor", "interaction-matcher", "opportunity-service", "console",
                    "console-network", "graph-emulator", "prometheus", "grafana");
            for (String service : SERVICES) {
                assertThat(compose.at("/services/" + service + "/build/args/MODULE").asString()).as(service)
                        .isEqualTo(service);
            }
        }

        @Test
        void publishesTheConsoleAndLetsItReachTheIssuerAtTheAddressBrowsersUse() {
            JsonNode console = compose.at("/services/console");
            JsonNode network = compose.at("/services/console-network");
            String issuer = compose.at("/services/config-service/environment/MAILTRAIL_ISSUER_URL").asString();

            assertThat(console.path("network_mode").asString()).isEqualTo("service:console-network");
            assertThat(network.path("ports")).extracting(JsonNode::asString).contains("8080:8080");
            assertThat(console.at("/environment/MAILTRAIL_JWT_ISSUER_URI").asString()).isEqualTo(issuer);
            // The issuer's address, as the console sees it in its network, leads to config-service.
            assertThat(network.path("command").get(0).asString())
                    .startsWith("TCP-LISTEN:" + java.net.URI.create(issuer).getPort() + ",bind=127.0.0.1,");
            assertThat(network.path("command").get(1).asString()).isEqualTo("TCP:config-service:"
                    + compose.at("/services/config-service/environment/MAILTRAIL_PORT").asInt());
            assertThat(network.path("user").asString()).isNotEmpty().doesNotStartWith("0");
            assertThat(console.at("/environment").has("MAILTRAIL_CONSOLE_CLIENT_SECRET")).isFalse();
            assertThat(console.at("/secrets/0/target").asString()).isEqualTo("MAILTRAIL_CONSOLE_CLIENT_SECRET");
            assertThat(console.at("/environment/MAILTRAIL_CONSOLE_CLIENT_ID").asString()).isEqualTo("mailtrail-console");
            assertThat(console.at("/environment/MAILTRAIL_CONFIG_SERVICE_URL").asString())
                    .isEqualTo("http://config-service:8080");
            assertThat(console.at("/environment/MAILTRAIL_MATCHER_URL").asString())
                    .isEqualTo("http://interaction-matcher:8080");
            assertThat(console.at("/environment/MAILTRAIL_OPPORTUNITY_URL").asString())
                    .isEqualTo("http://opportunity-service:8080");
            // What browsers talk to gets no other service's secret: not the .env, only its own settings and secret.
            assertThat(console.has("env_file")).isFalse();
            assertThat(console.path("read_only").asBoolean()).as("console's root filesystem read-only").isTrue();
            assertThat(console.path("tmpfs")).extracting(JsonNode::asString).contains("/tmp");
        }

        @Test
        void reportsAServiceInTheNetworkOfAnotherThatItDoesNotDependOn() {
            ((ObjectNode) compose.at("/services/console/depends_on")).remove("console-network");
            ((ObjectNode) compose.at("/services/prometheus")).put("network_mode", "service:nowhere");

            assertThat(ComposeRules.violations(compose)).containsExactlyInAnyOrder(
                    "console: joins the network of console-network without depending on it",
                    "prometheus: joins the network of unknown service nowhere");
        }

        @Test
        void prometheusScrapesEveryServiceAndTheConsole() {
            JsonNode prometheus = Manifests.read(ROOT.resolve("deploy/prometheus/prometheus.yml"));
            List<String> targets = new ArrayList<>();
            prometheus.at("/scrape_configs/0/static_configs/0/targets").forEach(t -> targets.add(t.asString()));

            for (String service : SERVICES) {
                assertThat(targets).contains(service + ":" + compose.at("/services/" + service
                        + "/environment/MAILTRAIL_PORT").asInt());
            }
            // The console is reached by the name its network's owner gives it.
            assertThat(compose.at("/services/console-network/networks/default/aliases")).extracting(JsonNode::asString)
                    .contains("console");
        }

        @Test
        void theEnvExampleNamesEveryVariableTheComposeFileRequires() {
            String composeText = Manifests.text(ROOT.resolve("docker-compose.yml"));
            String envExample = Manifests.text(ROOT.resolve(".env.example"));

            assertThat(ComposeRules.requiredButNotInEnvFile(composeText, envExample)).isEmpty();
            assertThat(ComposeRules.requiredButNotInEnvFile(composeText
                    + "\n      GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD:?set it in .env}\n", envExample))
                    .containsExactly("GRAFANA_ADMIN_PASSWORD is required by the compose file but not named in the env file");
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
        void givesNoServiceAToken() {
            assertThat(TokenRules.inDocument("docker-compose.yml", compose)).isEmpty();
            assertThat(TokenRules.inEnvFile(".env.example", Manifests.text(ROOT.resolve(".env.example")))).isEmpty();
            assertThat(compose.at("/services/mail-ingestor/environment/MAILTRAIL_TOKEN_URI").asString())
                    .isEqualTo("http://config-service:8080/oauth2/token");
            assertThat(compose.at("/services/interaction-matcher/environment").has("MAILTRAIL_CLIENT_SECRET")).isFalse();
            assertThat(compose.at("/services/interaction-matcher/secrets").toString())
                    .contains("\"target\":\"MAILTRAIL_CLIENT_SECRET\"");
        }

        @Test
        void reportsATokenPassedToAServiceEvenFromTheEnvFile() {
            ObjectNode ingestor = (ObjectNode) compose.path("services").path("mail-ingestor").path("environment");
            ingestor.put("MAILTRAIL_INTERNAL_TOKEN", "${MAILTRAIL_INTERNAL_TOKEN}");
            ((ObjectNode) compose.path("services").path("opportunity-service")).putArray("environment")
                    .add("MAILTRAIL_ADMIN_CREDENTIALS=" + JWT);
            String envExample = Manifests.text(ROOT.resolve(".env.example")) + "MAILTRAIL_INTERNAL_TOKEN=\n";

            assertThat(TokenRules.inDocument("docker-compose.yml", compose)).containsExactly(
                    "docker-compose.yml: /services/mail-ingestor/environment/MAILTRAIL_INTERNAL_TOKEN is named as a token",
                    "docker-compose.yml: /services/opportunity-service/environment/0 holds a JWT");
            assertThat(ComposeRules.violations(compose)).containsExactly("mail-ingestor: secret MAILTRAIL_INTERNAL_TOKEN"
                    + " taken from the environment; hand it over as a file (secrets, target MAILTRAIL_INTERNAL_TOKEN)");
            assertThat(TokenRules.inEnvFile(".env.example", envExample)).containsExactly(".env.example:"
                    + envExample.lines().count() + ": MAILTRAIL_INTERNAL_TOKEN is named as a token");
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
    class Tokens {

        @Test
        void noFileOfADeploymentCarriesAToken() throws IOException {
            List<Path> files = new ArrayList<>(List.of(ROOT.resolve("docker-compose.yml"), ROOT.resolve(".env.example")));
            for (String directory : List.of("k8s", "deploy")) {
                try (Stream<Path> walk = Files.walk(ROOT.resolve(directory))) {
                    walk.filter(Files::isRegularFile).filter(file -> !file.startsWith(ROOT.resolve("deploy/identity")))
                            .filter(file -> !file.startsWith(ROOT.resolve("deploy/secrets")))
                            .forEach(files::add);
                }
            }
            List<String> violations = new ArrayList<>();
            for (Path file : files) {
                String where = ROOT.relativize(file).toString();
                String name = file.getFileName().toString();
                String text = Manifests.text(file);
                if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                    Manifests.parse(text).forEach(document -> violations.addAll(TokenRules.inDocument(where, document)));
                } else if (name.endsWith(".json")) {
                    violations.addAll(TokenRules.inDocument(where, JsonMapper.builder().build().readTree(text)));
                } else if (name.startsWith(".env")) {
                    violations.addAll(TokenRules.inEnvFile(where, text));
                } else {
                    violations.addAll(TokenRules.inText(where, text));
                }
            }

            assertThat(files).contains(ROOT.resolve("deploy/prometheus/prometheus.yml"),
                    ROOT.resolve("k8s/components/monitoring/service-monitor.yaml"));
            assertThat(violations).isEmpty();
        }

        @Test
        void tellsANameThatHoldsATokenFromOneThatOnlyMentionsTokens() {
            assertThat(List.of("MAILTRAIL_INTERNAL_TOKEN", "mailtrail-internal-token", "token", "accessToken",
                    "bearer_token_file", "bearerTokenSecret", "id_token")).allMatch(TokenRules::tokenNamed);
            assertThat(List.of("MAILTRAIL_TOKEN_URI", "tokenUrl", "token_url", "MAILTRAIL_TOKEN_REFRESH_MARGIN",
                    "MAILTRAIL_CLIENT_SECRET", "tokens", "clientSecret")).noneMatch(TokenRules::tokenNamed);
            assertThat(TokenRules.holdsJwt("Bearer " + JWT)).isTrue();
            assertThat(TokenRules.holdsJwt("eyJhbGciOi")).isFalse();
        }
    }

    @Nested
    class Contracts {

        @Test
        void theTopicListNamesEveryTopicAndDeadLetterTopicAndCompactsExactlyTheCompactedOnes() {
            assertThat(TOPICS.topics()).extracting(TopicList.Topic::name).containsExactlyInAnyOrderElementsOf(
                    Stream.concat(Topics.ALL.stream(), Topics.DEAD_LETTERS.stream()).toList());
            for (TopicList.Topic topic : TOPICS.topics()) {
                boolean compacted = Topics.COMPACTED.contains(topic.name());
                assertThat(topic.cleanupPolicy()).as(topic.name()).isEqualTo(compacted ? "compact" : "delete");
                if (compacted) {
                    assertThat(topic.retentionMs()).as(topic.name() + " keeps its state for ever").isEqualTo(-1);
                } else {
                    assertThat(topic.retentionMs()).as(topic.name() + " retention.ms").isPositive();
                    assertThat(topic.segmentMs()).as(topic.name() + " segment.ms rolls within the retention")
                            .isPositive().isLessThanOrEqualTo(topic.retentionMs());
                }
            }
        }

        @Test
        void keepsThePersonalDataOfMailNoLongerThanTheLogsEventsAndDeadLettersLongEnoughToRedrive() {
            for (String mail : List.of(Topics.MAIL_RECEIVED, Topics.MAIL_DISPOSITION, Topics.MAIL_ARCHIVED)) {
                assertThat(TOPICS.named(mail).retentionMs()).as(mail)
                        .isBetween(Duration.ofDays(3).toMillis(), Duration.ofDays(7).toMillis())
                        .isLessThan(TOPICS.named(Topics.INTERACTION_EVENTS).retentionMs());
            }
            for (String deadLetters : Topics.DEAD_LETTERS) {
                assertThat(TOPICS.named(deadLetters).retentionMs()).as(deadLetters)
                        .isGreaterThanOrEqualTo(Duration.ofDays(7).toMillis());
            }
        }

        @Test
        void declaresTheDeadLetterTopicOfEveryConsumerBindingWithAtLeastItsSourcesPartitions() {
            List<DeadLetterBindings.DeadLetterBinding> bindings = DeadLetterBindings.readIn(ROOT);

            assertThat(bindings).extracting(DeadLetterBindings.DeadLetterBinding::deadLetterTopic)
                    .containsExactlyInAnyOrderElementsOf(Topics.DEAD_LETTERS);
            for (DeadLetterBindings.DeadLetterBinding binding : bindings) {
                assertThat(binding.deadLetterTopic()).as(binding.service() + " " + binding.binding())
                        .isEqualTo(Topics.deadLetter(binding.destination(), binding.group()));
                // A dead letter keeps the partition it was read from (the binder's default DLQ partition function).
                assertThat(TOPICS.named(binding.deadLetterTopic()).partitions()).as(binding.deadLetterTopic())
                        .isGreaterThanOrEqualTo(TOPICS.named(binding.destination()).partitions());
            }
        }

        @Test
        void findsAConsumerBindingsDeadLetterTopicAlsoWhereTheBindingLeavesItToTheBinder() {
            JsonNode configuration = Manifests.parse("""
                    spring:
                      application: { name: reporter }
                      cloud:
                        stream:
                          kafka:
                            bindings:
                              named-in-0: { consumer: { enable-dlq: true, dlq-name: "a.v1.${spring.application.name}.dlq" } }
                              defaulted-in-0: { consumer: { enable-dlq: true } }
                              passing-in-0: { consumer: { enable-dlq: false } }
                              anonymous-in-0: { consumer: { enable-dlq: true } }
                          bindings:
                            named-in-0: { destination: a.v1, group: "${spring.application.name}" }
                            defaulted-in-0: { destination: b.v1, group: reporter }
                            passing-in-0: { destination: c.v1, group: reporter }
                            anonymous-in-0: { destination: d.v1 }
                            b-out-0: { destination: b.v1 }
                    """).get(0);

            assertThat(DeadLetterBindings.of("reporter", configuration)).containsExactly(
                    new DeadLetterBindings.DeadLetterBinding("reporter", "named-in-0", "a.v1", "reporter",
                            "a.v1.reporter.dlq"),
                    new DeadLetterBindings.DeadLetterBinding("reporter", "defaulted-in-0", "b.v1", "reporter",
                            "error.b.v1.reporter"));
        }

        @Test
        void asyncApiDocumentsTheSamePartitionsPoliciesAndRetention() {
            JsonNode asyncApi = Manifests.read(ROOT.resolve("common-model/src/main/resources/asyncapi.yaml"));
            Map<String, JsonNode> channels = new HashMap<>();
            asyncApi.path("channels").forEach(channel -> channels.put(channel.path("address").asString(), channel));

            for (String name : Topics.ALL) {
                TopicList.Topic topic = TOPICS.named(name);
                JsonNode kafka = channels.get(topic.name()).at("/bindings/kafka");
                assertThat(kafka.path("partitions").asInt()).as(topic.name()).isEqualTo(topic.partitions());
                assertThat(kafka.at("/topicConfiguration/cleanup.policy/0").asString()).as(topic.name())
                        .isEqualTo(topic.cleanupPolicy());
                assertThat(kafka.at("/topicConfiguration/retention.ms").asLong(0)).as(topic.name() + " retention.ms")
                        .isEqualTo(topic.retentionMs());
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
