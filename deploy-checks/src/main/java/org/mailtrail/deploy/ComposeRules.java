package org.mailtrail.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * What docker-compose.yml must hold: a healthcheck on every long-running service, dependencies
 * that wait for health (or, for one-shot init steps, for completion), a service that joins another's
 * network depending on it, pinned images, no secret written into the file, no variable that the service it is
 * set for does not read, and no required variable that the env example does not name.
 */
public final class ComposeRules {

    /** {@code NAME=value} or, commented out as an example, {@code # NAME=value}. */
    private static final Pattern ENV_FILE_ENTRY = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=.*$");
    /** {@code ${NAME:?message}} or {@code ${NAME?message}}: compose refuses to start without it. */
    private static final Pattern REQUIRED_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):?\\?");
    private static final Set<String> DEPENDENCY_CONDITIONS = Set.of("service_healthy", "service_completed_successfully");

    public static List<String> violations(JsonNode compose) {
        List<String> violations = new ArrayList<>();
        JsonNode services = compose.path("services");
        if (services.isEmpty()) {
            violations.add("no services");
        }
        for (Map.Entry<String, JsonNode> entry : services.properties()) {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            boolean oneShot = "no".equals(service.path("restart").asString(""));
            if (!oneShot && service.path("healthcheck").path("test").isMissingNode()) {
                violations.add(name + ": no healthcheck");
            }
            String image = service.path("image").asString("");
            if (image.isEmpty() && service.path("build").isMissingNode()) {
                violations.add(name + ": neither image nor build");
            }
            if (image.endsWith(":latest") || (!image.isEmpty() && !image.contains(":"))) {
                violations.add(name + ": image " + image + " is not pinned");
            }
            for (Map.Entry<String, JsonNode> dependency : service.path("depends_on").properties()) {
                if (!services.has(dependency.getKey())) {
                    violations.add(name + ": depends on unknown service " + dependency.getKey());
                }
                String condition = dependency.getValue().path("condition").asString("");
                if (!DEPENDENCY_CONDITIONS.contains(condition)) {
                    violations.add(name + ": depends on " + dependency.getKey() + " without a health condition");
                }
            }
            String networkMode = service.path("network_mode").asString("");
            if (networkMode.startsWith("service:")) {
                String owner = networkMode.substring("service:".length());
                if (!services.has(owner)) {
                    violations.add(name + ": joins the network of unknown service " + owner);
                } else if (!service.path("depends_on").has(owner)) {
                    violations.add(name + ": joins the network of " + owner + " without depending on it");
                }
            }
            for (Map.Entry<String, JsonNode> variable : service.path("environment").properties()) {
                String value = variable.getValue().asString("");
                if (SecretNames.secretNamed(variable.getKey()) && !value.isEmpty() && !value.startsWith("${")) {
                    violations.add(name + ": secret " + variable.getKey() + " written into the file");
                }
            }
        }
        return violations;
    }

    /**
     * The variables the file's {@code environment} sections set for a service that the service does not read.
     *
     * @param read service name → the variables it reads ({@link ServiceVariables#readIn}); other services are not
     *        mailtrail's and are left alone
     */
    public static List<String> unreadVariables(JsonNode compose, Map<String, Set<String>> read) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : compose.path("services").properties()) {
            Set<String> known = read.get(entry.getKey());
            if (known == null) {
                continue;
            }
            for (String variable : environmentNames(entry.getValue().path("environment"))) {
                if (!known.contains(variable)) {
                    violations.add(entry.getKey() + ": sets " + variable + ", which the service does not read");
                }
            }
        }
        return violations;
    }

    /**
     * The variables an env file (such as .env.example) names, set or commented out as {@code # NAME=value}, that
     * no service reads and the compose file does not use as {@code ${NAME}} either.
     */
    public static List<String> unreadVariablesOfEnvFile(String envFile, String composeText,
            Map<String, Set<String>> read) {
        Set<String> used = new TreeSet<>(ServiceVariables.placeholders(composeText));
        read.values().forEach(used::addAll);
        List<String> violations = new ArrayList<>();
        envFile.lines().map(ENV_FILE_ENTRY::matcher).filter(Matcher::matches).map(m -> m.group(1)).distinct()
                .filter(variable -> !used.contains(variable))
                .forEach(variable -> violations.add(variable + " is read by no service and not used by the compose file"));
        return violations;
    }

    /**
     * The variables the compose file requires ({@code ${NAME:?message}}) that an env file such as .env.example does
     * not name: whoever copies it would not learn of them until compose refuses to start.
     */
    public static List<String> requiredButNotInEnvFile(String composeText, String envFile) {
        Set<String> named = new TreeSet<>();
        envFile.lines().map(ENV_FILE_ENTRY::matcher).filter(Matcher::matches).forEach(m -> named.add(m.group(1)));
        Set<String> required = new TreeSet<>();
        Matcher matcher = REQUIRED_PLACEHOLDER.matcher(composeText);
        while (matcher.find()) {
            required.add(matcher.group(1));
        }
        return required.stream().filter(variable -> !named.contains(variable))
                .map(variable -> variable + " is required by the compose file but not named in the env file").toList();
    }

    /** The names of a service's environment, written as a map or as a list of {@code NAME=value}. */
    private static List<String> environmentNames(JsonNode environment) {
        if (environment.isArray()) {
            List<String> names = new ArrayList<>();
            environment.forEach(item -> names.add(item.asString().split("=", 2)[0]));
            return names;
        }
        return List.copyOf(environment.propertyNames());
    }

    private ComposeRules() {
    }
}
