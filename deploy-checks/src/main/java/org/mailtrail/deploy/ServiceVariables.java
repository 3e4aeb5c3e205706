package org.mailtrail.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables each service reads: the {@code ${NAME}} placeholders of its {@code application.yml},
 * and the few that the JVM and Spring Boot read themselves. A deployment that sets any other variable for a service
 * sets it for nothing, which is how a renamed setting silently falls back to its default.
 */
public final class ServiceVariables {

    public static final Set<String> SERVICES = Set.of("config-service", "mail-ingestor", "interaction-matcher",
            "opportunity-service", "console");
    /** Read without a placeholder: the JVM's options, and the name Spring Boot binds to spring.application.name. */
    public static final Set<String> RUNTIME = Set.of("JAVA_TOOL_OPTIONS", "SPRING_APPLICATION_NAME");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    /** Service name → the variables it reads, from the services' application.yml under {@code root}. */
    public static Map<String, Set<String>> readIn(Path root) {
        Map<String, Set<String>> variables = new TreeMap<>();
        for (String service : SERVICES) {
            Set<String> read = placeholders(
                    Manifests.text(root.resolve(service).resolve("src/main/resources/application.yml")));
            read.addAll(RUNTIME);
            variables.put(service, read);
        }
        return variables;
    }

    /** The environment variables a text names as {@code ${NAME}} or {@code ${NAME:default}}. */
    public static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private ServiceVariables() {
    }
}
