package org.mailtrail.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The dead-letter topics the services' consumer bindings can write, read from each service's
 * {@code application.yml}: a binding with a consumer group and {@code enable-dlq} writes to its {@code dlq-name}, or
 * without one to the binder's default {@code error.<destination>.<group>}. Each must be a declared topic: where the
 * broker does not create topics on first use (compose, Strimzi), an undeclared one loses the record's way out.
 */
public final class DeadLetterBindings {

    private static final String APPLICATION_NAME = "${spring.application.name}";

    /** One consumer binding that dead-letters. */
    public record DeadLetterBinding(String service, String binding, String destination, String group,
            String deadLetterTopic) {
    }

    private DeadLetterBindings() {
    }

    public static List<DeadLetterBinding> readIn(Path root) {
        List<DeadLetterBinding> found = new ArrayList<>();
        for (String service : ServiceVariables.SERVICES.stream().sorted().toList()) {
            found.addAll(of(service, Manifests.read(root.resolve(service).resolve("src/main/resources/application.yml"))));
        }
        return found;
    }

    /** The dead-lettering bindings of one service's configuration. */
    public static List<DeadLetterBinding> of(String service, JsonNode configuration) {
        String application = configuration.at("/spring/application/name").asString(service);
        JsonNode kafka = configuration.at("/spring/cloud/stream/kafka/bindings");
        List<DeadLetterBinding> found = new ArrayList<>();
        configuration.at("/spring/cloud/stream/bindings").properties().forEach(binding -> {
            String group = binding.getValue().path("group").asString("").replace(APPLICATION_NAME, application);
            JsonNode consumer = kafka.path(binding.getKey()).path("consumer");
            if (binding.getKey().contains("-in-") && !group.isBlank() && consumer.path("enable-dlq").asBoolean(false)) {
                String destination = binding.getValue().path("destination").asString()
                        .replace(APPLICATION_NAME, application);
                String deadLetters = consumer.path("dlq-name").asString("error." + destination + "." + group)
                        .replace(APPLICATION_NAME, application);
                found.add(new DeadLetterBinding(service, binding.getKey(), destination, group, deadLetters));
            }
        });
        return found;
    }
}
