package org.mailtrail.deploy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/**
 * Whether rendered NetworkPolicies let one pod talk to another (or to an address outside the cluster), decided the
 * way Kubernetes decides it: a pod is isolated for ingress (egress) once some policy of its namespace selects it
 * with that policy type, and then only what some such policy's rules allow gets through; the sender's egress and
 * the receiver's ingress must both allow. Selectors with {@code matchLabels} and {@code matchExpressions}, named and
 * numbered ports and IPv4 {@code ipBlock}s are understood; {@code endPort} is not (no manifest uses it).
 */
public final class NetworkPolicies {

    /** A pod: its namespace, that namespace's labels and its own labels. */
    public record Pod(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) {

        /** A pod of another namespace, labelled {@code labels}, in a namespace labelled {@code namespaceLabels}. */
        public static Pod in(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) {
            Map<String, String> withName = new TreeMap<>(namespaceLabels);
            withName.put("kubernetes.io/metadata.name", namespace);
            return new Pod(namespace, withName, labels);
        }
    }

    /** A port as the receiving container declares it: its number, its name (may be null) and protocol. */
    public record Port(int number, String name, String protocol) {

        public static Port tcp(int number, String name) {
            return new Port(number, name, "TCP");
        }
    }

    /** The pods of a rendered Deployment, in the namespace it is rendered into (labelled as the Namespace object). */
    public static Pod podOf(List<JsonNode> objects, String deployment) {
        JsonNode object = KubernetesRules.ofKind(objects, "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asString().equals(deployment)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Deployment " + deployment));
        String namespace = object.at("/metadata/namespace").asString("");
        Map<String, String> namespaceLabels = KubernetesRules.ofKind(objects, "Namespace").stream()
                .filter(n -> n.at("/metadata/name").asString().equals(namespace)).findFirst()
                .map(n -> KubernetesRules.labels(n.at("/metadata/labels"))).orElseGet(Map::of);
        return Pod.in(namespace, namespaceLabels, KubernetesRules.labels(object.at("/spec/template/metadata/labels")));
    }

    /** Whether {@code from} may open a connection to {@code to} on {@code port}. */
    public static boolean allows(List<JsonNode> objects, Pod from, Pod to, Port port) {
        return allowed(objects, from, "Egress", "egress", "to", peer -> matches(peer, to, from.namespace()), port)
                && allowed(objects, to, "Ingress", "ingress", "from", peer -> matches(peer, from, to.namespace()), port);
    }

    /**
     * Whether {@code from}'s own policies let it open a connection to {@code to} on {@code port}, whatever {@code to}'s
     * say: for a peer whose policies are not in the rendering (Strimzi makes its brokers' own).
     */
    public static boolean allowsEgress(List<JsonNode> objects, Pod from, Pod to, Port port) {
        return allowed(objects, from, "Egress", "egress", "to", peer -> matches(peer, to, from.namespace()), port);
    }

    /** Whether {@code from} may open a connection to an IPv4 address outside the cluster on {@code port}. */
    public static boolean allowsOut(List<JsonNode> objects, Pod from, String address, Port port) {
        return allowed(objects, from, "Egress", "egress", "to", peer -> contains(peer.path("ipBlock"), address), port);
    }

    /** The NetworkPolicies of a pod's namespace whose podSelector selects it. */
    public static List<JsonNode> selecting(List<JsonNode> objects, Pod pod) {
        return KubernetesRules.ofKind(objects, "NetworkPolicy").stream()
                .filter(p -> p.at("/metadata/namespace").asString("").equals(pod.namespace()))
                .filter(p -> selects(p.at("/spec/podSelector"), pod.labels())).toList();
    }

    /**
     * Whether a label selector selects labels; an empty selector selects everything, a missing one nothing (as a
     * peer's missing podSelector is read by the caller).
     */
    public static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector.isMissingNode() || selector.isNull()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> required : selector.path("matchLabels").properties()) {
            if (!required.getValue().asString().equals(labels.get(required.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asString());
            Set<String> values = new HashSet<>();
            expression.path("values").forEach(v -> values.add(v.asString()));
            boolean holds = switch (expression.path("operator").asString()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowed(List<JsonNode> objects, Pod pod, String type, String rulesField, String peersField,
            Predicate<JsonNode> peerMatches, Port port) {
        List<JsonNode> isolating = selecting(objects, pod).stream().filter(p -> policyTypes(p).contains(type)).toList();
        if (isolating.isEmpty()) {
            return true;
        }
        for (JsonNode policy : isolating) {
            for (JsonNode rule : policy.at("/spec/" + rulesField)) {
                JsonNode peers = rule.path(peersField);
                boolean peerOk = peers.isMissingNode() || peers.isEmpty()
                        || peers.valueStream().anyMatch(peerMatches);
                JsonNode ports = rule.path("ports");
                boolean portOk = ports.isMissingNode() || ports.isEmpty()
                        || ports.valueStream().anyMatch(p -> portMatches(p, port));
                if (peerOk && portOk) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The policy's types as Kubernetes reads them: given, or Ingress (and Egress when it has egress rules). */
    private static Set<String> policyTypes(JsonNode policy) {
        JsonNode types = policy.at("/spec/policyTypes");
        if (!types.isMissingNode()) {
            Set<String> given = new HashSet<>();
            types.forEach(t -> given.add(t.asString()));
            return given;
        }
        return policy.at("/spec/egress").isMissingNode() ? Set.of("Ingress") : Set.of("Ingress", "Egress");
    }

    /** A peer selects a pod: by namespace (and pod) selector, or by pod selector in the policy's own namespace. */
    private static boolean matches(JsonNode peer, Pod pod, String policyNamespace) {
        JsonNode namespaceSelector = peer.path("namespaceSelector");
        JsonNode podSelector = peer.path("podSelector");
        if (!peer.path("ipBlock").isMissingNode()) {
            return false;
        }
        if (!namespaceSelector.isMissingNode()) {
            return selects(namespaceSelector, pod.namespaceLabels())
                    && (podSelector.isMissingNode() || selects(podSelector, pod.labels()));
        }
        return pod.namespace().equals(policyNamespace) && selects(podSelector, pod.labels());
    }

    private static boolean portMatches(JsonNode policyPort, Port port) {
        if (!policyPort.path("protocol").asString("TCP").equals(port.protocol())) {
            return false;
        }
        JsonNode value = policyPort.path("port");
        if (value.isMissingNode()) {
            return true;
        }
        return value.isNumber() ? value.asInt() == port.number()
                : value.asString().equals(port.name()) || value.asString().equals(Integer.toString(port.number()));
    }

    /** Whether an ipBlock holds an IPv4 address (and none of its exceptions does). */
    private static boolean contains(JsonNode ipBlock, String address) {
        if (ipBlock.isMissingNode()) {
            return false;
        }
        if (!inCidr(ipBlock.path("cidr").asString(), address)) {
            return false;
        }
        return ipBlock.path("except").valueStream().noneMatch(except -> inCidr(except.asString(), address));
    }

    private static boolean inCidr(String cidr, String address) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        BigInteger mask = bits == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE).shiftRight(32 - bits).shiftLeft(32 - bits);
        return ipv4(parts[0]).and(mask).equals(ipv4(address).and(mask));
    }

    private static BigInteger ipv4(String address) {
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 4) {
                throw new IllegalArgumentException(address + " is no IPv4 address");
            }
            return new BigInteger(1, bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address + " is no address", e);
        }
    }

    private NetworkPolicies() {
    }
}
