package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailtrail.deploy.NetworkPolicies.Pod;
import org.mailtrail.deploy.NetworkPolicies.Port;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the overlays ask of the cluster and allow in it: each service's way out (egress), its replicas spread over
 * nodes and zones, its Kafka connection, config-service's keyset as a file, autoscaling on lag, and the operator's
 * guide (k8s/README.md) naming every Secret and namespace label the manifests expect.
 */
class KubernetesClusterTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Port HTTP = Port.tcp(8080, "http");
    private static final Port HTTPS = Port.tcp(443, "https");
    private static final Pod KUBE_DNS = Pod.in("kube-system", Map.of(), Map.of("k8s-app", "kube-dns"));
    /** The services each service calls over HTTP inside the namespace (their URLs in its ConfigMap). */
    private static final Map<String, Set<String>> CALLS = Map.of(
            "config-service", Set.of(),
            "mail-ingestor", Set.of("config-service"),
            "interaction-matcher", Set.of("mail-ingestor"),
            "opportunity-service", Set.of("interaction-matcher"),
            "console", Set.of("config-service", "interaction-matcher", "opportunity-service"));
    /** The services that sign in to IMAP servers: the ingestor reads them, config-service runs the setup checks. */
    private static final Set<String> IMAP_CLIENTS = Set.of("config-service", "mail-ingestor");
    /** Every service keeps its data in MongoDB but the console, which keeps none. */
    private static final Set<String> MONGODB_CLIENTS = Set.of("config-service", "mail-ingestor",
            "interaction-matcher", "opportunity-service");

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = { "dev", "prod", "prod-keda" })
    void letsEachServiceOutOnlyToWhatItNeeds(String overlay) {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));

        CALLS.forEach((service, callees) -> {
            Pod pod = NetworkPolicies.podOf(objects, service);
            assertThat(NetworkPolicies.allows(objects, pod, KUBE_DNS, new Port(53, "dns", "UDP"))).as(service).isTrue();
            for (String other : CALLS.keySet()) {
                assertThat(NetworkPolicies.allows(objects, pod, NetworkPolicies.podOf(objects, other), HTTP))
                        .as(service + " → " + other).isEqualTo(callees.contains(other));
            }
            assertThat(NetworkPolicies.allowsEgress(objects, pod, kafkaBroker(pod), Port.tcp(9093, "tcp-clientstls")))
                    .as(service + " → the brokers' TLS listener").isTrue();
            assertThat(NetworkPolicies.allowsEgress(objects, pod, kafkaBroker(pod), Port.tcp(9092, "tcp-clients")))
                    .as(service + " → the brokers' plain listener").isFalse();
            assertThat(NetworkPolicies.allowsEgress(objects, pod, mongo(pod), Port.tcp(27017, "mongodb")))
                    .as(service + " → MongoDB").isEqualTo(MONGODB_CLIENTS.contains(service));
            // Entra ID and Graph: public addresses that change, HTTPS only.
            assertThat(NetworkPolicies.allowsOut(objects, pod, "20.190.160.20", HTTPS)).as(service).isTrue();
            assertThat(NetworkPolicies.allowsOut(objects, pod, "20.190.160.20", Port.tcp(80, "http"))).as(service)
                    .isFalse();
            assertThat(NetworkPolicies.allowsOut(objects, pod, "10.12.0.7", HTTPS)).as(service).isFalse();
            // IMAP servers: an Exchange Server is usually in the company's private network, so any address, on
            // IMAP's two ports only.
            for (String address : List.of("10.12.0.7", "52.97.146.2")) {
                assertThat(NetworkPolicies.allowsOut(objects, pod, address, Port.tcp(993, "imaps")))
                        .as(service + " → IMAPS at " + address).isEqualTo(IMAP_CLIENTS.contains(service));
                assertThat(NetworkPolicies.allowsOut(objects, pod, address, Port.tcp(143, "imap")))
                        .as(service + " → IMAP at " + address).isEqualTo(IMAP_CLIENTS.contains(service));
            }
            assertThat(NetworkPolicies.allowsOut(objects, pod, "10.12.0.7", Port.tcp(25, "smtp"))).as(service)
                    .isFalse();
            assertThat(NetworkPolicies.allowsEgress(objects, pod, Pod.in("elsewhere", Map.of(), Map.of()), HTTP))
                    .as(service + " → a pod of another namespace").isFalse();
        });
    }

    @Test
    void reportsAServiceThatCannotReachTheBrokers() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/dev"));
        ArrayNode egress = (ArrayNode) KubernetesRules.byName(objects, "NetworkPolicy").get("opportunity-service")
                .at("/spec/egress");
        for (JsonNode rule : egress) {
            for (JsonNode port : rule.path("ports")) {
                if (port.path("port").asInt() == 9093) {
                    ((ObjectNode) port).put("port", 9092);
                }
            }
        }
        Pod pod = NetworkPolicies.podOf(objects, "opportunity-service");

        assertThat(NetworkPolicies.allowsEgress(objects, pod, kafkaBroker(pod), Port.tcp(9093, "tcp-clientstls")))
                .isFalse();
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = { "dev", "prod", "prod-keda" })
    void connectsEveryServiceToTheBrokersOverTlsWithScram(String overlay) {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));
        JsonNode shared = KubernetesRules.byName(objects, "ConfigMap").get("mailtrail-shared-config").path("data");

        assertThat(shared.path("MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS").asString()).isEqualTo("mailtrail-kafka-bootstrap:9093");
        assertThat(shared.path("MAILTRAIL_KAFKA_SECURITY_PROTOCOL").asString()).isEqualTo("SASL_SSL");
        assertThat(shared.path("MAILTRAIL_KAFKA_SASL_MECHANISM").asString()).isEqualTo("SCRAM-SHA-512");
        String truststore = shared.path("MAILTRAIL_KAFKA_TRUSTSTORE_LOCATION").asString();
        for (JsonNode deployment : KubernetesRules.ofKind(objects, "Deployment")) {
            String service = deployment.at("/metadata/name").asString();
            assertThat(mountedSecret(deployment, truststore)).as(service).isEqualTo("mailtrail-cluster-ca-cert/ca.crt");
        }
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = { "dev", "prod" })
    void signsEachServiceInToMongoDbAsItsOwnUser(String overlay) {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));

        for (String service : MONGODB_CLIENTS) {
            JsonNode uri = KubernetesRules.byName(objects, "Deployment").get(service)
                    .at("/spec/template/spec/containers/0/env").valueStream()
                    .filter(v -> v.path("name").asString().equals("MAILTRAIL_MONGODB_URI")).findFirst().orElseThrow();
            assertThat(uri.at("/valueFrom/secretKeyRef/name").asString()).isEqualTo("mailtrail-" + service + "-mongodb");
            assertThat(uri.at("/valueFrom/secretKeyRef/key").asString()).isEqualTo("uri");
        }
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = { "dev", "prod" })
    void givesConfigServiceItsMasterKeysetAsAFileFromItsSecret(String overlay) {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));
        JsonNode configService = KubernetesRules.byName(objects, "Deployment").get("config-service");
        String file = KubernetesRules.ofKind(objects, "ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asString().startsWith("config-service-config")).findFirst()
                .orElseThrow().at("/data/MAILTRAIL_MASTER_KEYSET_FILE").asString();

        assertThat(mountedSecret(configService, file)).isEqualTo("mailtrail-master-keyset/keyset.json");
        assertThat(configService.at("/spec/template/spec/containers/0/env")).extracting(v -> v.path("name").asString())
                .doesNotContain("MAILTRAIL_MASTER_KEYSET");
        // The kubelet updates a Secret's files in place only when the volume is mounted whole, not by subPath.
        assertThat(configService.at("/spec/template/spec/containers/0/volumeMounts"))
                .noneMatch(mount -> mount.has("subPath"));
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = { "dev", "prod" })
    void spreadsEveryDeploymentOverNodesAndZones(String overlay) {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));

        for (JsonNode deployment : KubernetesRules.ofKind(objects, "Deployment")) {
            assertThat(deployment.at("/spec/template/spec/topologySpreadConstraints"))
                    .extracting(c -> c.path("topologyKey").asString())
                    .as(deployment.at("/metadata/name").asString())
                    .containsExactlyInAnyOrder("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        }
    }

    @Test
    void reportsADeploymentNotSpreadOrSpreadByAnotherDeploymentsPods() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod"));
        JsonNode pod = KubernetesRules.byName(objects, "Deployment").get("interaction-matcher").at("/spec/template/spec");
        ArrayNode constraints = (ArrayNode) pod.path("topologySpreadConstraints");
        ((ObjectNode) constraints.get(1)).put("whenUnsatisfiable", "DoNotSchedule");
        ((ObjectNode) constraints.get(1).at("/labelSelector/matchLabels")).put("app.kubernetes.io/name", "console");
        constraints.remove(0);
        ((ObjectNode) KubernetesRules.byName(objects, "Deployment").get("console").at("/spec/template/spec"))
                .remove("topologySpreadConstraints");

        assertThat(KubernetesRules.violations(objects)).containsExactlyInAnyOrder(
                "interaction-matcher: replicas not spread over kubernetes.io/hostname",
                "interaction-matcher: its spread over topology.kubernetes.io/zone does not count its own pods",
                "interaction-matcher: its spread over topology.kubernetes.io/zone is not ScheduleAnyway, so a cluster"
                        + " of one zone cannot schedule a second replica",
                "console: replicas not spread over kubernetes.io/hostname",
                "console: replicas not spread over topology.kubernetes.io/zone");
    }

    @Test
    void scalesTheConsumersOnTheirLagInsteadOfCpuWithKeda() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod-keda"));
        Map<String, JsonNode> scaledObjects = KubernetesRules.byName(objects, "ScaledObject");

        assertThat(KubernetesRules.ofKind(objects, "HorizontalPodAutoscaler")).isEmpty();
        assertThat(scaledObjects).containsOnlyKeys("interaction-matcher", "opportunity-service");
        assertThat(scaledObjects.get("interaction-matcher").at("/spec/triggers/0/metadata/topic").asString())
                .isEqualTo("mail.received.v1");
        assertThat(scaledObjects.get("interaction-matcher").at("/spec/triggers/0/metadata/consumerGroup").asString())
                .isEqualTo("interaction-matcher");
        assertThat(scaledObjects.get("opportunity-service").at("/spec/triggers/0/metadata/topic").asString())
                .isEqualTo("interaction.events.v1");
        assertThat(scaledObjects.values()).allSatisfy(scaledObject -> {
            assertThat(scaledObject.at("/spec/triggers/0/type").asString()).isEqualTo("kafka");
            assertThat(scaledObject.at("/spec/triggers/0/metadata/lagThreshold").asString()).isNotBlank();
        });
        assertThat(ScalingRules.violations(objects, ScalingRules.readIn(ROOT),
                TopicList.read(ROOT.resolve("deploy/kafka/topics.tsv")))).isEmpty();
    }

    @Test
    void reportsAScaledObjectBeyondThePartitionsOrBesideACpuAutoscaler() {
        List<JsonNode> objects = new ArrayList<>(Manifests.kustomize(ROOT.resolve("k8s/overlays/prod-keda")));
        ((ObjectNode) KubernetesRules.byName(objects, "ScaledObject").get("interaction-matcher").path("spec"))
                .put("maxReplicaCount", 6).remove("minReplicaCount");
        objects.add(KubernetesRules.byName(Manifests.kustomize(ROOT.resolve("k8s/overlays/prod")),
                "HorizontalPodAutoscaler").get("opportunity-service"));

        assertThat(ScalingRules.violations(objects, ScalingRules.readIn(ROOT),
                TopicList.read(ROOT.resolve("deploy/kafka/topics.tsv")))).containsExactlyInAnyOrder(
                        "opportunity-service: scaled by a HorizontalPodAutoscaler and a KEDA ScaledObject at once",
                        "interaction-matcher: the ScaledObject's minimum 0 is not the Deployment's 3 replicas",
                        "interaction-matcher: up to 6 replicas × 3 consumers of mail.received.v1 (matchMail-in-0) for"
                                + " its 12 partitions: 6 would get none");
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = { "dev", "prod", "prod-keda" })
    void theOperatorsGuideNamesEverySecretKeyAndNamespaceLabelTheManifestsExpect(String overlay) {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));
        String guide = Manifests.text(ROOT.resolve("k8s/README.md"));
        SortedMap<String, SortedSet<String>> secrets = ClusterPrerequisites.secrets(objects);

        assertThat(secrets).containsKeys("mailtrail-master-keyset", "mailtrail-cluster-ca-cert");
        secrets.forEach((secret, keys) -> {
            assertThat(guide).as("k8s/README.md names the Secret").contains("`" + secret + "`");
            keys.forEach(key -> assertThat(guide).as("k8s/README.md names key %s of %s", key, secret)
                    .contains("`" + key + "`"));
        });
        assertThat(ClusterPrerequisites.namespaceLabels(objects)).contains("mailtrail.org/ingress=true",
                "mailtrail.org/monitoring=true").allSatisfy(label -> assertThat(guide).contains("`" + label + "`"));
    }

    @Test
    void findsTheSecretsOfVariablesVolumesIngressesAndMonitors() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod-keda"));

        assertThat(ClusterPrerequisites.secrets(objects))
                .containsEntry("mailtrail-console-client", new TreeSet<>(Set.of("secret")))
                .containsEntry("mailtrail-config-service", new TreeSet<>(Set.of("sasl.jaas.config")))
                .containsEntry("mailtrail-master-keyset", new TreeSet<>(Set.of("keyset.json")))
                .containsEntry("mailtrail-prometheus-client", new TreeSet<>(Set.of("secret")))
                .containsEntry("mailtrail-keda", new TreeSet<>(Set.of("password")))
                .containsEntry("mailtrail-webhook-tls", new TreeSet<>());
    }

    /** The Secret and key mounted at a file's path in the Deployment's first container, as {@code secret/key}. */
    private static String mountedSecret(JsonNode deployment, String file) {
        JsonNode pod = deployment.at("/spec/template/spec");
        for (JsonNode mount : pod.at("/containers/0/volumeMounts")) {
            String directory = mount.path("mountPath").asString() + "/";
            if (!file.startsWith(directory)) {
                continue;
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.path("name").asString().equals(mount.path("name").asString())) {
                    for (JsonNode item : volume.at("/secret/items")) {
                        if (item.path("path").asString().equals(file.substring(directory.length()))) {
                            return volume.at("/secret/secretName").asString() + "/" + item.path("key").asString();
                        }
                    }
                }
            }
        }
        return "(nothing at " + file + ")";
    }

    private static Pod kafkaBroker(Pod neighbour) {
        return new Pod(neighbour.namespace(), neighbour.namespaceLabels(), Map.of("strimzi.io/cluster", "mailtrail",
                "strimzi.io/kind", "Kafka", "strimzi.io/name", "mailtrail-kafka"));
    }

    private static Pod mongo(Pod neighbour) {
        return new Pod(neighbour.namespace(), neighbour.namespaceLabels(), Map.of("app.kubernetes.io/name", "mongo"));
    }
}
