package org.mailtrail.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every rendered overlay must hold: each Deployment probed on actuator (startup, liveness, readiness), with
 * requests and a memory limit, non-root with a read-only root filesystem and a writable {@code /tmp} of its own,
 * on a pinned image, given only variables the service reads and every secret from a Secret; for each a Service, a
 * PodDisruptionBudget and a NetworkPolicy of its name that select its pods; its replicas spread over nodes and zones;
 * and every object in the namespace.
 */
public final class KubernetesRules {

    /** Kinds that live in no namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    static final String NODE = "kubernetes.io/hostname";
    static final String ZONE = "topology.kubernetes.io/zone";

    public static List<String> violations(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        Map<String, JsonNode> configMaps = byName(objects, "ConfigMap");
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            String name = deployment.at("/metadata/name").asString();
            JsonNode pod = deployment.at("/spec/template/spec");
            Map<String, String> labels = labels(deployment.at("/spec/template/metadata/labels"));
            if (!pod.at("/securityContext/runAsNonRoot").asBoolean(false)) {
                violations.add(name + ": pod securityContext.runAsNonRoot is not true");
            }
            for (JsonNode container : pod.path("containers")) {
                container(name + "/" + container.path("name").asString(), container, pod, configMaps, violations);
            }
            spread(name, pod.path("topologySpreadConstraints"), labels, violations);
            for (String kind : List.of("Service", "PodDisruptionBudget", "NetworkPolicy")) {
                JsonNode own = byName(objects, kind).get(name);
                if (own == null) {
                    violations.add(name + ": no " + kind);
                } else if (!selectsOnly(selector(own), labels)) {
                    violations.add(name + ": its " + kind + " does not select its pods");
                }
            }
        }
        violations.addAll(outsideTheNamespace(objects));
        return violations;
    }

    /**
     * The variables a Deployment's containers get, from {@code env} and from the ConfigMaps of {@code envFrom},
     * that the service does not read.
     *
     * @param read Deployment (service) name → the variables it reads ({@link ServiceVariables#readIn})
     */
    public static List<String> unreadVariables(List<JsonNode> objects, Map<String, Set<String>> read) {
        Map<String, JsonNode> configMaps = byName(objects, "ConfigMap");
        List<String> violations = new ArrayList<>();
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            String name = deployment.at("/metadata/name").asString();
            Set<String> known = read.get(name);
            if (known == null) {
                continue;
            }
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                Set<String> variables = new TreeSet<>();
                container.path("env").forEach(variable -> variables.add(variable.path("name").asString()));
                for (JsonNode source : container.path("envFrom")) {
                    String configMap = source.at("/configMapRef/name").asString("");
                    String prefix = source.path("prefix").asString("");
                    JsonNode data = configMaps.getOrDefault(configMap, MissingNode.getInstance()).path("data");
                    data.propertyNames().forEach(key -> variables.add(prefix + key));
                }
                variables.stream().filter(variable -> !known.contains(variable)).forEach(variable -> violations.add(
                        name + "/" + container.path("name").asString() + ": gets " + variable
                                + ", which the service does not read"));
            }
        }
        return violations;
    }

    /**
     * The namespaced objects outside the one Namespace the rendering declares: {@code kubectl apply} would put an
     * object without a namespace into whatever namespace the current context names, away from the Services and
     * Deployments it refers to.
     */
    public static List<String> outsideTheNamespace(List<JsonNode> objects) {
        List<JsonNode> namespaces = ofKind(objects, "Namespace");
        if (namespaces.size() != 1) {
            return List.of("declares " + namespaces.size() + " Namespaces, not one");
        }
        String namespace = namespaces.get(0).at("/metadata/name").asString();
        return objects.stream().filter(o -> !CLUSTER_SCOPED.contains(o.path("kind").asString()))
                .filter(o -> !o.at("/metadata/namespace").asString("").equals(namespace))
                .map(o -> o.path("kind").asString() + "/" + o.at("/metadata/name").asString() + ": in namespace "
                        + o.at("/metadata/namespace").asString("(none)") + ", not " + namespace)
                .toList();
    }

    /**
     * Replicas spread over nodes and zones, so that one node or one zone going away leaves the others serving (the
     * PodDisruptionBudget only guards against evictions). Over zones the spread is a preference (ScheduleAnyway): a
     * cluster in one zone must still schedule. Each constraint counts the Deployment's own pods only.
     */
    private static void spread(String name, JsonNode constraints, Map<String, String> labels, List<String> violations) {
        Map<String, JsonNode> byKey = new HashMap<>();
        constraints.forEach(constraint -> byKey.put(constraint.path("topologyKey").asString(), constraint));
        for (String key : List.of(NODE, ZONE)) {
            JsonNode constraint = byKey.get(key);
            if (constraint == null) {
                violations.add(name + ": replicas not spread over " + key);
            } else if (!selectsOnly(constraint.path("labelSelector"), labels)) {
                violations.add(name + ": its spread over " + key + " does not count its own pods");
            }
        }
        JsonNode zone = byKey.get(ZONE);
        if (zone != null && !zone.path("whenUnsatisfiable").asString().equals("ScheduleAnyway")) {
            violations.add(name + ": its spread over " + ZONE + " is not ScheduleAnyway, so a cluster of one zone"
                    + " cannot schedule a second replica");
        }
    }

    private static void container(String where, JsonNode container, JsonNode pod, Map<String, JsonNode> configMaps,
            List<String> violations) {
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = container.at("/" + probe + "/httpGet/path").asString("");
            if (!path.startsWith("/actuator/health")) {
                violations.add(where + ": no " + probe + " on /actuator/health");
            }
        }
        if (container.at("/resources/requests/cpu").isMissingNode()
                || container.at("/resources/requests/memory").isMissingNode()) {
            violations.add(where + ": no cpu and memory requests");
        }
        if (container.at("/resources/limits/memory").isMissingNode()) {
            violations.add(where + ": no memory limit");
        }
        if (!container.at("/securityContext/readOnlyRootFilesystem").asBoolean(false)) {
            violations.add(where + ": root filesystem is not read-only");
        } else if (!writableTmp(container, pod)) {
            violations.add(where + ": no emptyDir at /tmp (the JVM and Tomcat write there)");
        }
        if (container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)) {
            violations.add(where + ": privilege escalation is not disabled");
        }
        String image = container.path("image").asString("");
        String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
        if (tag.isEmpty() || tag.equals("latest")) {
            violations.add(where + ": image " + image + " is not pinned to a tag other than latest");
        }
        secretsOutsideSecrets(where, container, configMaps, violations);
    }

    /** A variable named as a secret comes from a Secret: not written as a value, not from a ConfigMap. */
    private static void secretsOutsideSecrets(String where, JsonNode container, Map<String, JsonNode> configMaps,
            List<String> violations) {
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asString();
            if (!SecretNames.secretNamed(name)) {
                continue;
            }
            if (variable.has("value")) {
                violations.add(where + ": " + name + " is written into the manifest, not taken from a Secret");
            } else if (variable.at("/valueFrom/secretKeyRef").isMissingNode()) {
                violations.add(where + ": " + name + " is not taken from a Secret");
            }
        }
        for (JsonNode source : container.path("envFrom")) {
            String configMap = source.at("/configMapRef/name").asString("");
            String prefix = source.path("prefix").asString("");
            configMaps.getOrDefault(configMap, MissingNode.getInstance()).path("data").propertyNames().stream()
                    .filter(key -> SecretNames.secretNamed(prefix + key))
                    .forEach(key -> violations.add(where + ": " + prefix + key + " comes from ConfigMap " + configMap
                            + ", not from a Secret"));
        }
    }

    private static boolean writableTmp(JsonNode container, JsonNode pod) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asString().equals("/tmp") && !mount.path("readOnly").asBoolean(false)) {
                String volume = mount.path("name").asString();
                for (JsonNode declared : pod.path("volumes")) {
                    if (declared.path("name").asString().equals(volume) && declared.has("emptyDir")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** An object's label selector, as a LabelSelector (a Service's plain map becomes its matchLabels). */
    private static JsonNode selector(JsonNode object) {
        return switch (object.path("kind").asString()) {
            case "Service" -> {
                ObjectNode selector = JsonMapper.builder().build().createObjectNode();
                selector.set("matchLabels", object.at("/spec/selector"));
                yield selector;
            }
            case "NetworkPolicy" -> object.at("/spec/podSelector");
            default -> object.at("/spec/selector");
        };
    }

    /** Whether a selector says something (is not empty, which would select every pod) and selects these labels. */
    private static boolean selectsOnly(JsonNode selector, Map<String, String> labels) {
        boolean says = !selector.path("matchLabels").isEmpty() || !selector.path("matchExpressions").isEmpty();
        return says && NetworkPolicies.selects(selector, labels);
    }

    public static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asString())).toList();
    }

    /** The objects of a kind by name. */
    public static Map<String, JsonNode> byName(List<JsonNode> objects, String kind) {
        return ofKind(objects, kind).stream().collect(Collectors.toMap(o -> o.at("/metadata/name").asString(),
                o -> o, (a, b) -> a));
    }

    /** A {@code labels} or {@code matchLabels} map. */
    public static Map<String, String> labels(JsonNode labels) {
        Map<String, String> map = new HashMap<>();
        labels.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        return map;
    }

    private KubernetesRules() {
    }
}
