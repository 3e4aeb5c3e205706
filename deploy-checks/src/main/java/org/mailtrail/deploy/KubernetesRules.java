package org.mailtrail.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * What every rendered overlay must hold: each Deployment probed on actuator, with requests and
 * a memory limit, non-root with a read-only root filesystem, on a pinned image, given only variables the
 * service reads; and for each a Service, a PodDisruptionBudget and a NetworkPolicy.
 */
public final class KubernetesRules {

    public static List<String> violations(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        Set<String> services = names(objects, "Service");
        Set<String> budgets = names(objects, "PodDisruptionBudget");
        Set<String> policies = names(objects, "NetworkPolicy");
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            String name = deployment.at("/metadata/name").asString();
            JsonNode pod = deployment.at("/spec/template/spec");
            if (!pod.at("/securityContext/runAsNonRoot").asBoolean(false)) {
                violations.add(name + ": pod securityContext.runAsNonRoot is not true");
            }
            for (JsonNode container : pod.path("containers")) {
                container(name + "/" + container.path("name").asString(), container, violations);
            }
            if (!services.contains(name)) {
                violations.add(name + ": no Service");
            }
            if (!budgets.contains(name)) {
                violations.add(name + ": no PodDisruptionBudget");
            }
            if (!policies.contains(name)) {
                violations.add(name + ": no NetworkPolicy");
            }
        }
        return violations;
    }

    /**
     * The variables a Deployment's containers get, from {@code env} and from the ConfigMaps of {@code envFrom},
     * that the service does not read.
     *
     * @param read Deployment (service) name → the variables it reads ({@link ServiceVariables#readIn})
     */
    public static List<String> unreadVariables(List<JsonNode> objects, Map<String, Set<String>> read) {
        Map<String, JsonNode> configMaps = ofKind(objects, "ConfigMap").stream()
                .collect(Collectors.toMap(c -> c.at("/metadata/name").asString(), c -> c));
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

    private static void container(String where, JsonNode container, List<String> violations) {
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
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
        }
        if (container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)) {
            violations.add(where + ": privilege escalation is not disabled");
        }
        String image = container.path("image").asString("");
        String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
        if (tag.isEmpty() || tag.equals("latest")) {
            violations.add(where + ": image " + image + " is not pinned to a tag other than latest");
        }
    }

    public static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asString())).toList();
    }

    private static Set<String> names(List<JsonNode> objects, String kind) {
        return ofKind(objects, kind).stream().map(o -> o.at("/metadata/name").asString()).collect(Collectors.toSet());
    }

    private KubernetesRules() {
    }
}
