package org.mailtrail.platform.messaging;

import java.util.Locale;

import org.mailtrail.events.Topics;

/**
 * The one naming pattern of output bindings: the topic in camel case without its {@code v1}, then
 * {@code -out-0}, as Spring Cloud Stream names a function's output. {@code interaction.events.v1}
 * is published through {@code interactionEvents-out-0}, {@code config.connections.v1} through
 * {@code configConnections-out-0}; a later {@code mail.received.v2} would be {@code mailReceivedV2-out-0}.
 * A service lists the bindings of the topics it writes in {@code spring.cloud.stream.output-bindings};
 * {@link ContractPublisher} finds them by topic.
 */
public final class OutputBindings {

    public static final String SUFFIX = "-out-0";

    /** The output binding of a contract topic. */
    public static String of(String topic) {
        if (!Topics.ALL.contains(topic)) {
            throw new IllegalArgumentException(topic + " is not a contract topic");
        }
        String[] parts = topic.endsWith(".v1") ? topic.substring(0, topic.length() - 3).split("\\.") : topic.split("\\.");
        StringBuilder name = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            name.append(parts[i].substring(0, 1).toUpperCase(Locale.ROOT)).append(parts[i].substring(1));
        }
        return name + SUFFIX;
    }

    private OutputBindings() {
    }
}
