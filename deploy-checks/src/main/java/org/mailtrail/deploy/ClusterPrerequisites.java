package org.mailtrail.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * What rendered manifests expect the cluster's operator to have made before they are applied: the Secrets they
 * read (by name, with the keys they read), and the labels of the namespaces their NetworkPolicies let in. Each must
 * be in k8s/README.md, or the first pod waits for a Secret nobody knew to create.
 */
public final class ClusterPrerequisites {

    /** Set by Kubernetes on every namespace: nothing for the operator to do. */
    private static final Set<String> AUTOMATIC_LABELS = Set.of("kubernetes.io/metadata.name");

    private ClusterPrerequisites() {
    }

    /** Secret name → the keys read of it (none for a Secret read whole, such as an Ingress's TLS certificate). */
    public static SortedMap<String, SortedSet<String>> secrets(List<JsonNode> objects) {
        SortedMap<String, SortedSet<String>> secrets = new TreeMap<>();
        objects.forEach(object -> collect(object, secrets));
        return secrets;
    }

    /** The {@code key=value} labels that NetworkPolicies select namespaces by. */
    public static SortedSet<String> namespaceLabels(List<JsonNode> objects) {
        SortedSet<String> labels = new TreeSet<>();
        for (JsonNode policy : KubernetesRules.ofKind(objects, "NetworkPolicy")) {
            for (String direction : List.of("ingress", "egress")) {
                for (JsonNode rule : policy.at("/spec/" + direction)) {
                    for (JsonNode peer : rule.path(direction.equals("ingress") ? "from" : "to")) {
                        peer.at("/namespaceSelector/matchLabels").properties().stream()
                                .filter(label -> !AUTOMATIC_LABELS.contains(label.getKey()))
                                .forEach(label -> labels.add(label.getKey() + "=" + label.getValue().asString()));
                    }
                }
            }
        }
        return labels;
    }

    private static void collect(JsonNode node, SortedMap<String, SortedSet<String>> secrets) {
        if (node.isArray()) {
            node.forEach(element -> collect(element, secrets));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                // An env variable's, a ServiceMonitor's OAuth 2.0 client secret: {name, key}.
                case "secretKeyRef", "clientSecret" -> add(secrets, value.path("name"), value.path("key"));
                // KEDA's TriggerAuthentication: [{parameter, name, key}].
                case "secretTargetRef" -> value.forEach(reference -> add(secrets, reference.path("name"),
                        reference.path("key")));
                // A Secret volume: its secretName and the keys of its items; an Ingress's TLS certificate.
                case "secretName" -> {
                    secrets.computeIfAbsent(value.asString(), name -> new TreeSet<>());
                    node.path("items").forEach(item -> add(secrets, value, item.path("key")));
                }
                default -> collect(value, secrets);
            }
        }
    }

    private static void add(SortedMap<String, SortedSet<String>> secrets, JsonNode name, JsonNode key) {
        if (name.isString() && key.isString()) {
            secrets.computeIfAbsent(name.asString(), n -> new TreeSet<>()).add(key.asString());
        }
    }
}
