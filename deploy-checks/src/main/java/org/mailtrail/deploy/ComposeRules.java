package org.mailtrail.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * What docker-compose.yml must hold: a healthcheck on every long-running service, dependencies
 * that wait for health (or, for one-shot init steps, for completion), pinned images, and no
 * secret written into the file.
 */
public final class ComposeRules {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|KEYSET|TOKEN).*");
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
            for (Map.Entry<String, JsonNode> variable : service.path("environment").properties()) {
                String value = variable.getValue().asString("");
                if (SECRET_NAME.matcher(variable.getKey()).matches() && !value.isEmpty() && !value.startsWith("${")) {
                    violations.add(name + ": secret " + variable.getKey() + " written into the file");
                }
            }
        }
        return violations;
    }

    private ComposeRules() {
    }
}
