package org.mailtrail.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * No deployment carries a token. Services get client-credentials tokens from the issuer when they need them, and
 * people bring their own; a token written into a manifest, a compose file or a Secret would be a credential that
 * never expires with its holder and that the issuer cannot take back. Found are values shaped like a JWT (also
 * base64-encoded in a Secret's {@code data}) and names that say they hold a token ({@code MAILTRAIL_INTERNAL_TOKEN},
 * a Secret {@code …-token}, a key {@code token}, anything {@code bearer…}). Names that only mention tokens are fine:
 * {@code MAILTRAIL_TOKEN_URI}, {@code tokenUrl}, {@code MAILTRAIL_TOKEN_REFRESH_MARGIN}.
 */
public final class TokenRules {

    /** A compact JWS or JWE: base64url of a JSON header ({@code {"} is {@code eyJ}), then dot-separated parts. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}(\\.[A-Za-z0-9_-]*)+");
    /** Words of a name: split at anything but letters and digits, and before an upper-case letter after a lower-case one. */
    private static final Pattern WORD_BREAK = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
    /**
     * {@code NAME=value}: an environment entry written as a list item, or a line of an env file. A variable's name
     * has no dots, so a value such as {@code connections.token=api://…/.default} (a permission and its scope) is
     * no assignment.
     */
    private static final Pattern ASSIGNMENT = Pattern.compile("^#?\\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
    /** Fields whose value names something (an environment variable, a Secret, a Secret's key). */
    private static final Set<String> NAMING_FIELDS = Set.of("name", "key");

    /** Whether a name says it holds a token: its last word is {@code token}, or a word is {@code bearer}. */
    public static boolean tokenNamed(String name) {
        List<String> words = List.of(WORD_BREAK.split(name.trim())).stream().filter(word -> !word.isEmpty())
                .map(word -> word.toLowerCase(Locale.ROOT)).toList();
        return !words.isEmpty() && (words.get(words.size() - 1).equals("token") || words.contains("bearer"));
    }

    public static boolean holdsJwt(String text) {
        return JWT.matcher(text).find();
    }

    /** The tokens of rendered manifests, each object named {@code Kind/name}. */
    public static List<String> inManifests(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        for (JsonNode object : objects) {
            String where = object.path("kind").asString() + "/" + object.at("/metadata/name").asString();
            violations.addAll(inDocument(where, object));
            if ("Secret".equals(object.path("kind").asString())) {
                for (Map.Entry<String, JsonNode> entry : object.path("data").properties()) {
                    if (holdsJwt(decoded(entry.getValue().asString("")))) {
                        violations.add(where + ": /data/" + entry.getKey() + " holds a JWT (base64-encoded)");
                    }
                }
            }
        }
        return violations;
    }

    /** The tokens of one YAML or JSON document: keys and names that say so, string values shaped like a JWT. */
    public static List<String> inDocument(String where, JsonNode document) {
        List<String> violations = new ArrayList<>();
        walk(where, "", null, document, violations);
        return violations;
    }

    /** The tokens of an env file such as .env.example: its variables, set or commented out as examples. */
    public static List<String> inEnvFile(String where, String text) {
        List<String> violations = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher assignment = ASSIGNMENT.matcher(lines.get(i));
            if (assignment.matches() && tokenNamed(assignment.group(1))) {
                violations.add(where + ":" + (i + 1) + ": " + assignment.group(1) + " is named as a token");
            }
            if (holdsJwt(lines.get(i))) {
                violations.add(where + ":" + (i + 1) + ": holds a JWT");
            }
        }
        return violations;
    }

    /** The JWTs of any other text (a script, a Dockerfile, a topic list). */
    public static List<String> inText(String where, String text) {
        List<String> lines = text.lines().toList();
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (holdsJwt(lines.get(i))) {
                violations.add(where + ":" + (i + 1) + ": holds a JWT");
            }
        }
        return violations;
    }

    private static void walk(String where, String path, String field, JsonNode node, List<String> violations) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String child = path + "/" + entry.getKey();
                // A switch such as automountServiceAccountToken: false holds no token.
                if (tokenNamed(entry.getKey()) && !entry.getValue().isBoolean() && !entry.getValue().isNumber()) {
                    violations.add(where + ": " + child + " is named as a token");
                }
                walk(where, child, entry.getKey(), entry.getValue(), violations);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(where, path + "/" + i, field, node.get(i), violations);
            }
        } else if (node.isString()) {
            String value = node.asString();
            Matcher assignment = ASSIGNMENT.matcher(value);
            if (field != null && NAMING_FIELDS.contains(field) && tokenNamed(value)) {
                violations.add(where + ": " + path + " names " + value + ", a token");
            } else if (assignment.matches() && tokenNamed(assignment.group(1))) {
                violations.add(where + ": " + path + " sets " + assignment.group(1) + ", a token");
            }
            if (holdsJwt(value)) {
                violations.add(where + ": " + path + " holds a JWT");
            }
        }
    }

    private static String decoded(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }

    private TokenRules() {
    }
}
