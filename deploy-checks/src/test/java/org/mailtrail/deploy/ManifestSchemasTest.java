package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every object of every overlay, held to the schema of the API that receives it; and each way of breaking that
 * schema, put into a rendered object, caught.
 */
class ManifestSchemasTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** KEDA's CRDs, copied from KEDA with their attribution: no Java model of them is published. */
    static final ManifestSchemas SCHEMAS = new ManifestSchemas(crds());

    static List<JsonNode> crds() {
        List<JsonNode> crds = new ArrayList<>();
        for (String crd : List.of("keda.sh_scaledobjects.yaml", "keda.sh_triggerauthentications.yaml")) {
            crds.addAll(Manifests.parse(Manifests.text(ROOT.resolve("deploy-checks/src/test/resources/crds/" + crd))));
        }
        return crds;
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = { "dev", "prod", "prod-keda" })
    void everyOverlayRendersObjectsTheirApiServesAsWritten(String overlay) {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/" + overlay));

        assertThat(objects).isNotEmpty();
        assertThat(SCHEMAS.violations(objects)).isEmpty();
    }

    @Test
    void refusesAMisspeltFieldOfADeployment() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod"));
        ObjectNode spec = (ObjectNode) KubernetesRules.byName(objects, "Deployment").get("console").path("spec");
        spec.set("replica", spec.remove("replicas"));

        assertThat(SCHEMAS.violations(objects)).singleElement().asString()
                .startsWith("Deployment/console: spec.replica: Unrecognized field \"replica\"");
    }

    @Test
    void refusesAMisspeltFieldDeepInsideAPodTemplate() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/dev"));
        ((ObjectNode) KubernetesRules.byName(objects, "Deployment").get("mail-ingestor")
                .at("/spec/template/spec/containers/0/readinessProbe")).put("failureTreshold", 3);

        assertThat(SCHEMAS.violations(objects)).singleElement().asString().startsWith(
                "Deployment/mail-ingestor: spec.template.spec.containers[0].readinessProbe.failureTreshold:");
    }

    @Test
    void refusesANumberWrittenAsAString() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod"));
        ((ObjectNode) KubernetesRules.byName(objects, "HorizontalPodAutoscaler").get("opportunity-service")
                .path("spec")).put("maxReplicas", "12");

        assertThat(SCHEMAS.violations(objects)).singleElement().asString()
                .startsWith("HorizontalPodAutoscaler/opportunity-service: spec.maxReplicas: Cannot coerce String value");
    }

    @Test
    void refusesAKafkaTopicOfAVersionStrimziNoLongerServes() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/dev"));
        ((ObjectNode) KubernetesRules.ofKind(objects, "KafkaTopic").get(0)).put("apiVersion", "kafka.strimzi.io/v1beta2");

        assertThat(SCHEMAS.violations(objects)).singleElement().asString()
                .endsWith(": apiVersion kafka.strimzi.io/v1beta2 is not served for KafkaTopic; use [kafka.strimzi.io/v1]");
    }

    @Test
    void refusesAMisspeltFieldOfAStrimziResource() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/dev"));
        ObjectNode spec = (ObjectNode) KubernetesRules.ofKind(objects, "KafkaTopic").get(0).path("spec");
        spec.set("partition", spec.remove("partitions"));

        assertThat(SCHEMAS.violations(objects)).singleElement().asString().contains(": spec.partition: Unrecognized field");
    }

    @Test
    void refusesANamespacedObjectWithoutANamespace() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod"));
        ((ObjectNode) KubernetesRules.byName(objects, "ServiceMonitor").get("mailtrail").path("metadata"))
                .remove("namespace");

        assertThat(SCHEMAS.violations(objects))
                .containsExactly("ServiceMonitor/mailtrail: namespaced, but has no metadata.namespace");
    }

    @Test
    void refusesAKindMailtrailDoesNotDeploy() {
        List<JsonNode> objects = new ArrayList<>(Manifests.kustomize(ROOT.resolve("k8s/overlays/dev")));
        objects.addAll(Manifests.parse("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: cleanup
                  namespace: mailtrail
                """));

        assertThat(SCHEMAS.violations(objects))
                .containsExactly("CronJob/cleanup: kind CronJob (batch/v1) is none of the kinds mailtrail deploys");
    }

    @Test
    void refusesAFieldTheScaledObjectsSchemaDoesNotName() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod-keda"));
        JsonNode scaledObject = KubernetesRules.byName(objects, "ScaledObject").get("interaction-matcher");
        ObjectNode spec = (ObjectNode) scaledObject.path("spec");
        spec.set("maxReplicas", spec.remove("maxReplicaCount"));
        ((ObjectNode) scaledObject.path("metadata")).put("nmae", "x");

        assertThat(SCHEMAS.violations(objects)).containsExactlyInAnyOrder(
                "ScaledObject/interaction-matcher: spec.maxReplicas: unknown field \"maxReplicas\" (known: advanced,"
                        + " cooldownPeriod, fallback, idleReplicaCount, initialCooldownPeriod, maxReplicaCount,"
                        + " minReplicaCount, pollingInterval, scaleTargetRef, triggers)",
                "ScaledObject/interaction-matcher metadata: nmae: Unrecognized field \"nmae\" (class"
                        + " io.fabric8.kubernetes.api.model.ObjectMeta), not marked as ignorable");
    }

    @Test
    void refusesAScaledObjectWithoutTheFieldsItsSchemaRequires() {
        List<JsonNode> objects = Manifests.kustomize(ROOT.resolve("k8s/overlays/prod-keda"));
        ObjectNode spec = (ObjectNode) KubernetesRules.byName(objects, "ScaledObject").get("interaction-matcher")
                .path("spec");
        spec.remove("triggers");
        spec.put("pollingInterval", "30s");

        assertThat(SCHEMAS.violations(objects)).containsExactlyInAnyOrder(
                "ScaledObject/interaction-matcher: spec: required field \"triggers\" is missing",
                "ScaledObject/interaction-matcher: spec.pollingInterval: not an integer");
    }
}
