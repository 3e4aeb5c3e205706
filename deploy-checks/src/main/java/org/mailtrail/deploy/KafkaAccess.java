package org.mailtrail.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * What each service does on Kafka, read from the bindings of its {@code application.yml}, held against the ACLs of
 * its Strimzi {@code KafkaUser}: a consumer binding reads its topic in its group (an anonymous one, without a group,
 * in a group the binder names {@code anonymous.<uuid>}) and writes its dead letters; a producer binding writes its
 * topic. A user allowed less fails at the broker with an authorization error; allowed more, it is a hole. So a new
 * binding without its ACL, or an ACL left behind by a removed binding, fails the build. A user of no service (KEDA's)
 * may only describe.
 */
public final class KafkaAccess {

    /** The prefix of the consumer groups Spring Cloud Stream gives consumers without a group. */
    public static final String ANONYMOUS_GROUPS = "anonymous.";

    /**
     * One service's (or one KafkaUser's) access.
     *
     * @param groupPrefixes consumer groups by prefix (an anonymous consumer's)
     */
    public record Access(SortedSet<String> reads, SortedSet<String> writes, SortedSet<String> groups,
            SortedSet<String> groupPrefixes) {

        static Access empty() {
            return new Access(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        }
    }

    private KafkaAccess() {
    }

    /** Service → what its bindings read and write, for every service under {@code root}. */
    public static Map<String, Access> readIn(Path root) {
        Map<String, Access> services = new TreeMap<>();
        for (String service : ServiceVariables.SERVICES) {
            services.put(service, of(service,
                    Manifests.read(root.resolve(service).resolve("src/main/resources/application.yml"))));
        }
        return services;
    }

    /** What the bindings of one service's configuration read and write. */
    public static Access of(String service, JsonNode configuration) {
        Access access = Access.empty();
        JsonNode stream = configuration.at("/spring/cloud/stream");
        stream.path("bindings").properties().forEach(binding -> {
            String name = binding.getKey();
            JsonNode properties = binding.getValue();
            String destination = resolve(properties.path("destination").asString(""), service);
            if (destination.isEmpty()) {
                throw new IllegalArgumentException(service + ": binding " + name + " has no destination");
            }
            if (name.contains("-in-")) {
                access.reads().add(destination);
                String group = resolve(properties.path("group").asString(""), service);
                if (group.isEmpty()) {
                    access.groupPrefixes().add(ANONYMOUS_GROUPS);
                } else {
                    access.groups().add(group);
                }
                JsonNode consumer = stream.at("/kafka/bindings").path(name).path("consumer");
                if (consumer.path("enable-dlq").asBoolean(false)) {
                    String deadLetters = resolve(consumer.path("dlq-name").asString(""), service);
                    // The binder's own name when none is given: error.<destination>.<group>.
                    access.writes().add(deadLetters.isEmpty() ? "error." + destination + "." + group : deadLetters);
                }
            } else if (name.contains("-out-")) {
                access.writes().add(destination);
            } else {
                throw new IllegalArgumentException(service + ": binding " + name + " is neither -in- nor -out-");
            }
        });
        return access;
    }

    /**
     * What a KafkaUser's ACLs allow, in the shape of {@link Access}; and every ACL that is not one of the four
     * shapes (a topic's Read and Describe, or Write and Describe; a group's Read, literal or by prefix) as a
     * violation, since nothing mailtrail does needs another.
     */
    public static Access allowed(JsonNode user, List<String> violations) {
        Access access = Access.empty();
        String where = "KafkaUser/" + user.at("/metadata/name").asString();
        if (!user.at("/spec/authentication/type").asString("").equals("scram-sha-512")
                && !user.at("/spec/authentication/type").asString("").equals("tls")) {
            violations.add(where + ": authentication is neither scram-sha-512 nor tls");
        }
        if (!user.at("/spec/authorization/type").asString("").equals("simple")) {
            violations.add(where + ": authorization is not simple (ACLs)");
        }
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            String type = acl.at("/resource/type").asString("");
            String name = acl.at("/resource/name").asString("");
            String pattern = acl.at("/resource/patternType").asString("literal");
            Set<String> operations = new TreeSet<>();
            acl.path("operations").forEach(operation -> operations.add(operation.asString()));
            if (!acl.path("type").asString("allow").equals("allow")) {
                violations.add(where + ": a deny rule for " + type + " " + name);
            } else if (type.equals("topic") && pattern.equals("literal")
                    && operations.equals(Set.of("Read", "Describe"))) {
                access.reads().add(name);
            } else if (type.equals("topic") && pattern.equals("literal")
                    && operations.equals(Set.of("Write", "Describe"))) {
                access.writes().add(name);
            } else if (type.equals("group") && operations.equals(Set.of("Read"))) {
                (pattern.equals("prefix") ? access.groupPrefixes() : access.groups()).add(name);
            } else {
                violations.add(where + ": " + operations + " on " + type + (name.isEmpty() ? "" : " " + name) + " ("
                        + pattern + "), which no binding needs");
            }
        }
        return access;
    }

    /**
     * The differences between each service's bindings and its KafkaUser {@code mailtrail-<service>} in a rendered
     * overlay, and a Deployment that does not sign in as that user.
     */
    public static List<String> violations(List<JsonNode> objects, Map<String, Access> services) {
        List<String> violations = new ArrayList<>();
        Map<String, JsonNode> users = KubernetesRules.byName(objects, "KafkaUser");
        Map<String, JsonNode> deployments = KubernetesRules.byName(objects, "Deployment");
        services.forEach((service, needed) -> {
            String name = "mailtrail-" + service;
            JsonNode user = users.get(name);
            if (user == null) {
                violations.add(service + ": no KafkaUser " + name);
                return;
            }
            Access allowed = allowed(user, violations);
            difference(name, "reads", needed.reads(), allowed.reads(), violations);
            difference(name, "writes", needed.writes(), allowed.writes(), violations);
            difference(name, "consumer groups", needed.groups(), allowed.groups(), violations);
            difference(name, "consumer group prefixes", needed.groupPrefixes(), allowed.groupPrefixes(), violations);
            JsonNode deployment = deployments.get(service);
            if (deployment != null && !signsInAs(deployment, name)) {
                violations.add(service + ": its Deployment does not take MAILTRAIL_KAFKA_SASL_JAAS_CONFIG from the"
                        + " Secret " + name + " (key sasl.jaas.config)");
            }
        });
        Set<String> extra = new TreeSet<>(users.keySet());
        services.keySet().forEach(service -> extra.remove("mailtrail-" + service));
        // A user of no service only looks (KEDA reading the lag): Describe, and nothing that reads or writes records.
        for (String name : extra) {
            for (JsonNode acl : users.get(name).at("/spec/authorization/acls")) {
                acl.path("operations").valueStream().map(JsonNode::asString).filter(o -> !o.equals("Describe"))
                        .forEach(operation -> violations.add("KafkaUser/" + name + ": of no service, yet allowed "
                                + operation + " on " + acl.at("/resource/type").asString() + " "
                                + acl.at("/resource/name").asString()));
            }
        }
        return violations;
    }

    private static boolean signsInAs(JsonNode deployment, String user) {
        for (JsonNode variable : deployment.at("/spec/template/spec/containers/0/env")) {
            if (variable.path("name").asString().equals("MAILTRAIL_KAFKA_SASL_JAAS_CONFIG")) {
                JsonNode reference = variable.at("/valueFrom/secretKeyRef");
                return reference.path("name").asString("").equals(user)
                        && reference.path("key").asString("").equals("sasl.jaas.config");
            }
        }
        return false;
    }

    private static void difference(String user, String what, Set<String> needed, Set<String> allowed,
            List<String> violations) {
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(allowed);
        Set<String> surplus = new TreeSet<>(allowed);
        surplus.removeAll(needed);
        if (!missing.isEmpty()) {
            violations.add("KafkaUser/" + user + ": " + what + " without an ACL: " + missing);
        }
        if (!surplus.isEmpty()) {
            violations.add("KafkaUser/" + user + ": ACLs for " + what + " no binding has: " + surplus);
        }
    }

    private static String resolve(String value, String service) {
        return value.replace("${spring.application.name}", service);
    }
}
