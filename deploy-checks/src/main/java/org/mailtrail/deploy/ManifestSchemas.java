package org.mailtrail.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import tools.jackson.databind.JsonNode;

/**
 * Every rendered object held to the schema of the API that would receive it, the way {@code kubectl apply
 * --validate=strict} holds it, without a cluster: parsed into its typed model (fabric8's Kubernetes and Prometheus
 * Operator models, Strimzi's {@code api}), or for a custom resource without a Java model checked against its CRD's
 * {@code openAPIV3Schema}. A field the model does not know is refused (the models would keep it aside and the API
 * server would drop it, so a misspelt {@code replica:} silently becomes the default), as is a number written as a
 * string, an apiVersion the operator no longer serves, a namespaced object without a namespace, and a kind mailtrail
 * does not deploy.
 */
public final class ManifestSchemas {

    /** apiVersion/kind → model: the kinds mailtrail deploys, each at the one version current clusters serve. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            // Strimzi serves kafka.strimzi.io/v1 since 0.49, with v1beta2 deprecated on its way out: v1 only.
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

    /**
     * Jackson 2 (the models' own) with their catch-all setter taken away: every fabric8 and Strimzi class keeps
     * unknown fields in an {@code additionalProperties} map through {@code @JsonAnySetter}; without it an unknown
     * field is an error that names its path.
     */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // replicas: "2" is refused by the API server; Jackson would read it as 2.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .registerModule(new SimpleModule("strict-manifests").setDeserializerModifier(new WithoutAnySetter()));

    private static final class WithoutAnySetter extends BeanDeserializerModifier {

        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                BeanDeserializerBuilder builder) {
            builder.setAnySetter(null);
            return builder;
        }
    }

    private final Map<String, CustomResourceSchema> customResources;

    /**
     * @param customResourceDefinitions CRDs of the custom resources that have no Java model (KEDA's ScaledObject),
     *        each a parsed {@code CustomResourceDefinition} of {@code apiextensions.k8s.io/v1}
     */
    public ManifestSchemas(List<JsonNode> customResourceDefinitions) {
        Map<String, CustomResourceSchema> schemas = new LinkedHashMap<>();
        for (JsonNode crd : customResourceDefinitions) {
            if (!crd.path("kind").asString().equals("CustomResourceDefinition")) {
                throw new IllegalArgumentException("not a CustomResourceDefinition: " + crd.path("kind").asString());
            }
            String group = crd.at("/spec/group").asString();
            String kind = crd.at("/spec/names/kind").asString();
            boolean namespaced = crd.at("/spec/scope").asString().equals("Namespaced");
            for (JsonNode version : crd.at("/spec/versions")) {
                if (version.path("served").asBoolean(false)) {
                    schemas.put(group + "/" + version.path("name").asString() + "/" + kind, new CustomResourceSchema(
                            version.at("/schema/openAPIV3Schema"), namespaced));
                }
            }
        }
        this.customResources = Map.copyOf(schemas);
    }

    /** A custom resource's served version: its schema, and whether its objects live in a namespace. */
    private record CustomResourceSchema(JsonNode schema, boolean namespaced) {
    }

    /** What the API servers (and operators) of a cluster would refuse or drop in these rendered objects. */
    public List<String> violations(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        for (JsonNode object : objects) {
            String kind = object.path("kind").asString("");
            String apiVersion = object.path("apiVersion").asString("");
            String where = kind + "/" + object.at("/metadata/name").asString("(no name)");
            String key = apiVersion + "/" + kind;
            Class<?> model = MODELS.get(key);
            CustomResourceSchema custom = customResources.get(key);
            boolean namespaced;
            if (model != null) {
                typed(where, object, model, violations);
                namespaced = Namespaced.class.isAssignableFrom(model);
            } else if (custom != null) {
                typed(where + " metadata", object.path("metadata"), ObjectMeta.class, violations);
                schema(where, "", object, custom.schema(), Set.of("metadata"), violations);
                namespaced = custom.namespaced();
            } else {
                Set<String> served = servedVersions(kind);
                violations.add(served.isEmpty()
                        ? where + ": kind " + kind + " (" + apiVersion + ") is none of the kinds mailtrail deploys"
                        : where + ": apiVersion " + apiVersion + " is not served for " + kind + "; use " + served);
                continue;
            }
            if (namespaced && object.at("/metadata/namespace").asString("").isBlank()) {
                violations.add(where + ": namespaced, but has no metadata.namespace");
            }
        }
        return violations;
    }

    private Set<String> servedVersions(String kind) {
        Set<String> served = new TreeSet<>();
        MODELS.keySet().stream().filter(key -> key.endsWith("/" + kind))
                .forEach(key -> served.add(key.substring(0, key.length() - kind.length() - 1)));
        customResources.keySet().stream().filter(key -> key.endsWith("/" + kind))
                .forEach(key -> served.add(key.substring(0, key.length() - kind.length() - 1)));
        return served;
    }

    private static void typed(String where, JsonNode object, Class<?> model, List<String> violations) {
        try {
            STRICT.readValue(object.toString(), model);
        } catch (JsonMappingException e) {
            violations.add(where + ": " + path(e) + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (JsonProcessingException e) {
            violations.add(where + ": " + e.getOriginalMessage());
        }
    }

    /** The failing field's path, as written in a manifest: {@code spec.template.spec.containers[0].image}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(object)" : path.toString();
    }

    /**
     * A value against a structural schema (the subset of OpenAPI v3 a CRD may use): types, enums, required fields,
     * items, and properties, where a field the schema does not name is refused unless the schema gives
     * {@code additionalProperties} or {@code x-kubernetes-preserve-unknown-fields}.
     */
    private static void schema(String where, String path, JsonNode value, JsonNode schema, Set<String> skipped,
            List<String> violations) {
        String at = where + ": " + (path.isEmpty() ? "(object)" : path);
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isString()) {
                violations.add(at + ": not an integer or a string");
            }
            return;
        }
        String type = schema.path("type").asString("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    violations.add(at + ": not an object");
                    return;
                }
                JsonNode properties = schema.path("properties");
                JsonNode additional = schema.path("additionalProperties");
                boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                    if (skipped.contains(child)) {
                        continue;
                    }
                    if (properties.has(field.getKey())) {
                        schema(where, child, field.getValue(), properties.path(field.getKey()), skipped, violations);
                    } else if (additional.isObject()) {
                        schema(where, child, field.getValue(), additional, skipped, violations);
                    } else if (!preserve && !additional.asBoolean(false)) {
                        violations.add(where + ": " + child + ": unknown field \"" + field.getKey() + "\" (known: "
                                + properties.propertyNames().stream().sorted().collect(Collectors.joining(", "))
                                + ")");
                    }
                }
                for (JsonNode required : schema.path("required")) {
                    if (!value.has(required.asString())) {
                        violations.add(at + ": required field \"" + required.asString() + "\" is missing");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    violations.add(at + ": not an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    schema(where, path + "[" + i + "]", value.get(i), schema.path("items"), skipped, violations);
                }
            }
            case "string" -> {
                if (!value.isString()) {
                    violations.add(at + ": not a string");
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    violations.add(at + ": not an integer");
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    violations.add(at + ": not a number");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    violations.add(at + ": not a boolean");
                }
            }
            default -> {
                // No type: anything (x-kubernetes-preserve-unknown-fields without a type, or anyOf's branches).
            }
        }
        JsonNode allowed = schema.path("enum");
        if (allowed.isArray() && allowed.valueStream().noneMatch(value::equals)) {
            violations.add(at + ": " + value + " is not one of " + allowed);
        }
    }
}
