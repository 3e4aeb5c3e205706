package org.mailtrail.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * How far each service may scale, held against the partitions of the topics it consumes. A consumer group shares
 * a topic's partitions among its members, one partition to one consumer: a replica's consumers beyond the partition
 * count get nothing, so an autoscaler allowed more replicas than that adds pods that only cost. The check reads the
 * replica counts and autoscalers (HorizontalPodAutoscalers and KEDA ScaledObjects, never both for one Deployment)
 * of a rendered overlay, the consumer bindings of each service's {@code application.yml} (their group and
 * {@code concurrency}, with the value the Deployment's environment gives the concurrency's variable) and the
 * partitions of {@code deploy/kafka/topics.tsv}.
 */
public final class ScalingRules {

    /** {@code ${VARIABLE:default}} or a number. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):(\\d+)}");

    /**
     * One consumer binding of a service that is a member of a consumer group.
     *
     * @param concurrencyVariable the environment variable that sets the concurrency, if one does
     */
    public record GroupConsumer(String service, String binding, String topic, int concurrency,
            Optional<String> concurrencyVariable) {
    }

    private ScalingRules() {
    }

    /** Every consumer binding with a group in each service's {@code application.yml}. */
    public static List<GroupConsumer> readIn(Path root) {
        List<GroupConsumer> consumers = new ArrayList<>();
        for (String service : ServiceVariables.SERVICES) {
            JsonNode bindings = Manifests.read(root.resolve(service).resolve("src/main/resources/application.yml"))
                    .at("/spring/cloud/stream/bindings");
            bindings.properties().forEach(binding -> {
                JsonNode properties = binding.getValue();
                if (binding.getKey().contains("-in-") && !properties.path("group").asString("").isBlank()) {
                    String concurrency = properties.at("/consumer/concurrency").asString("1");
                    Matcher placeholder = PLACEHOLDER.matcher(concurrency);
                    consumers.add(placeholder.matches()
                            ? new GroupConsumer(service, binding.getKey(), properties.path("destination").asString(),
                                    Integer.parseInt(placeholder.group(2)), Optional.of(placeholder.group(1)))
                            : new GroupConsumer(service, binding.getKey(), properties.path("destination").asString(),
                                    Integer.parseInt(concurrency), Optional.empty()));
                }
            });
        }
        return consumers;
    }

    /**
     * What in a rendered overlay lets consumers go without partitions: for every topic of {@code topics} that a
     * service consumes in its group with {@code delete} as its cleanup policy (the topics that carry the load; a
     * compacted topic is a small projection every member reads a little of), the most replicas the overlay allows
     * (its autoscaler's maximum, or the Deployment's replicas) times the consumers per replica must not exceed the
     * partitions. And an autoscaler's minimum is the Deployment's replicas, or the two undo each other.
     */
    public static List<String> violations(List<JsonNode> objects, List<GroupConsumer> consumers, TopicList topics) {
        List<String> violations = new ArrayList<>();
        Map<String, Bounds> autoscalers = new HashMap<>();
        for (JsonNode autoscaler : KubernetesRules.ofKind(objects, "HorizontalPodAutoscaler")) {
            autoscalers.put(autoscaler.at("/spec/scaleTargetRef/name").asString(), new Bounds("autoscaler",
                    autoscaler.at("/spec/minReplicas").asInt(1), autoscaler.at("/spec/maxReplicas").asInt()));
        }
        for (JsonNode scaledObject : KubernetesRules.ofKind(objects, "ScaledObject")) {
            String target = scaledObject.at("/spec/scaleTargetRef/name").asString();
            // KEDA scales through an autoscaler of its own: a second one on the same Deployment fights it.
            if (autoscalers.containsKey(target)) {
                violations.add(target + ": scaled by a HorizontalPodAutoscaler and a KEDA ScaledObject at once");
            }
            // KEDA's defaults: down to 0 replicas, up to 100.
            autoscalers.put(target, new Bounds("ScaledObject", scaledObject.at("/spec/minReplicaCount").asInt(0),
                    scaledObject.at("/spec/maxReplicaCount").asInt(100)));
        }
        Map<String, JsonNode> configMaps = KubernetesRules.byName(objects, "ConfigMap");
        for (JsonNode deployment : KubernetesRules.ofKind(objects, "Deployment")) {
            String service = deployment.at("/metadata/name").asString();
            int replicas = deployment.at("/spec/replicas").asInt(1);
            Bounds autoscaler = autoscalers.get(service);
            int most = replicas;
            if (autoscaler != null) {
                most = autoscaler.most();
                if (autoscaler.least() != replicas) {
                    violations.add(service + ": the " + autoscaler.by() + "'s minimum " + autoscaler.least()
                            + " is not the Deployment's " + replicas + " replicas");
                }
            }
            for (GroupConsumer consumer : consumers) {
                if (!consumer.service().equals(service)) {
                    continue;
                }
                Optional<TopicList.Topic> topic = topics.topics().stream()
                        .filter(t -> t.name().equals(consumer.topic()) && t.cleanupPolicy().equals("delete"))
                        .findFirst();
                if (topic.isEmpty()) {
                    continue;
                }
                int perReplica = consumer.concurrencyVariable()
                        .flatMap(variable -> environmentValue(deployment, configMaps, variable))
                        .map(Integer::parseInt).orElse(consumer.concurrency());
                int threads = most * perReplica;
                if (threads > topic.get().partitions()) {
                    violations.add(service + ": up to " + most + " replicas × " + perReplica + " consumers of "
                            + consumer.topic() + " (" + consumer.binding() + ") for its " + topic.get().partitions()
                            + " partitions: " + (threads - topic.get().partitions()) + " would get none");
                }
            }
        }
        return violations;
    }

    /** How far an autoscaler (a HorizontalPodAutoscaler, or KEDA's ScaledObject) moves a Deployment. */
    private record Bounds(String by, int least, int most) {
    }

    /** The value the Deployment's first container gives {@code variable}, itself or through a ConfigMap. */
    private static Optional<String> environmentValue(JsonNode deployment, Map<String, JsonNode> configMaps,
            String variable) {
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asString().equals(variable) && env.has("value")) {
                return Optional.of(env.path("value").asString());
            }
        }
        for (JsonNode source : container.path("envFrom")) {
            JsonNode configMap = configMaps.get(source.at("/configMapRef/name").asString(""));
            if (configMap != null && configMap.at("/data/" + variable).isValueNode()) {
                return Optional.of(configMap.at("/data/" + variable).asString());
            }
        }
        return Optional.empty();
    }
}
