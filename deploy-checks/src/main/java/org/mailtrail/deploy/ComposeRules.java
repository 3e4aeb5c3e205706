package org.mailtrail.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * What docker-compose.yml must hold: a healthcheck on every long-running service, dependencies
 * that wait for health (or, for one-shot init steps, for completion), a service that joins another's
 * network depending on it, images pinned to an exact version, MongoDB at a release without a known way in, no
 * env_file, secrets handed over as files (compose's {@code secrets:}) and each only to a service that reads it,
 * graph-emulator listening where the services reach it, no variable that the service it is set for does not
 * read, and no required variable that the env example does not name.
 */
public final class ComposeRules {

    /** {@code NAME=value} or, commented out as an example, {@code # NAME=value}. */
    private static final Pattern ENV_FILE_ENTRY = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=.*$");
    /** {@code ${NAME:?message}} or {@code ${NAME?message}}: compose refuses to start without it. */
    private static final Pattern REQUIRED_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):?\\?");
    private static final Set<String> DEPENDENCY_CONDITIONS = Set.of("service_healthy", "service_completed_successfully");
    /** A tag that names one release: {@code 4.1.2}, {@code v3.13.4}, {@code 17.0.20_8-jre-noble}, {@code 1.8.0.3}. */
    private static final Pattern EXACT_TAG = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([._-][A-Za-z0-9._-]*)?");
    /**
     * Per MongoDB release line, the first patch that a client can no longer read server memory from without
     * authenticating (CVE-2025-14847); lines before 7.0 have no fixed release this project would run.
     */
    private static final Map<String, Integer> MONGO_FIXED_PATCH = Map.of("7.0", 28, "8.0", 17, "8.2", 3);
    /** Where compose mounts a secret whose target is a bare name, and where the services look for them. */
    public static final String SECRETS_DIR = "/run/secrets/";
    /**
     * Secret-named, yet not secret: a trust store holds certificates only, and graph-emulator's password is
     * published with it. It is a setting like any other, from .env.
     */
    private static final Set<String> NAMED_LIKE_A_SECRET_BUT_PUBLIC = Set.of("MAILTRAIL_GRAPH_TRUST_STORE_PASSWORD");
    private static final Pattern PROBED_HOST = Pattern.compile("/dev/tcp/([^/\\s]+)/|//([^/:\\s]+)[:/]");

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
            if (!image.isEmpty() && !pinned(image)) {
                violations.add(name + ": image " + image + " is not pinned to an exact version");
            }
            mongoViolation(name, image).ifPresent(violations::add);
            if (service.has("env_file")) {
                violations.add(name + ": env_file hands the service every variable of the file, secrets included;"
                        + " set its settings in environment and hand it its secrets as files (secrets)");
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
                if (!SecretNames.secretNamed(variable.getKey())
                        || NAMED_LIKE_A_SECRET_BUT_PUBLIC.contains(variable.getKey())) {
                    continue;
                }
                if (!value.isEmpty() && !value.startsWith("${")) {
                    violations.add(name + ": secret " + variable.getKey() + " written into the file");
                } else {
                    violations.add(name + ": secret " + variable.getKey() + " taken from the environment;"
                            + " hand it over as a file (secrets, target " + variable.getKey() + ")");
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

    /**
     * graph-emulator (when the file has it) must listen where the services reach it: {@code --bind 0.0.0.0}, since
     * it listens on its container's loopback otherwise, and a healthcheck that probes it by a name other than a
     * loopback address (one on loopback reports healthy while no other container can connect).
     */
    public static List<String> emulatorViolations(JsonNode compose) {
        JsonNode emulator = compose.path("services").path("graph-emulator");
        if (emulator.isMissingNode()) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        List<String> command = strings(emulator.path("command"));
        int bind = command.indexOf("--bind");
        if (bind < 0 || bind + 1 >= command.size() || !command.get(bind + 1).equals("0.0.0.0")) {
            violations.add("graph-emulator: its command lacks --bind 0.0.0.0, so it listens on its container's"
                    + " loopback only");
        }
        List<String> hosts = new ArrayList<>();
        Matcher probed = PROBED_HOST.matcher(String.join(" ", strings(emulator.path("healthcheck").path("test"))));
        while (probed.find()) {
            hosts.add(probed.group(1) != null ? probed.group(1) : probed.group(2));
        }
        if (hosts.isEmpty() || hosts.stream().allMatch(ComposeRules::loopback)) {
            violations.add("graph-emulator: its healthcheck probes " + (hosts.isEmpty() ? "no address" : hosts)
                    + ", not the address the services use");
        }
        return violations;
    }

    /**
     * The secrets a service gets but reads nowhere. A secret is mounted at {@code /run/secrets/<target>} (or at
     * its absolute target). A mailtrail service (one of {@code read}) reads it when the file's name is a variable
     * it reads (its settings come from files named like their variables) or when a variable it reads is set to
     * the file's path ({@code MAILTRAIL_MASTER_KEYSET_FILE}); any other service when the path appears in its
     * environment, command, entrypoint or healthcheck, or in a file it mounts (prometheus.yml, an init script).
     *
     * @param compose the file as {@code docker-compose config} renders it (bind mounts with absolute paths)
     */
    public static List<String> unreadSecrets(JsonNode compose, Map<String, Set<String>> read) {
        List<String> violations = new ArrayList<>();
        JsonNode declared = compose.path("secrets");
        for (Map.Entry<String, JsonNode> entry : compose.path("services").properties()) {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            for (JsonNode secret : service.path("secrets")) {
                String source = secret.isObject() ? secret.path("source").asString("") : secret.asString("");
                String target = secret.isObject() ? secret.path("target").asString(source) : source;
                String path = target.startsWith("/") ? target : SECRETS_DIR + target;
                if (!declared.has(source)) {
                    violations.add(name + ": gets the secret " + source + ", which the file does not declare");
                } else if (!readsSecret(service, read.get(name), path)) {
                    violations.add(name + ": gets the secret " + source + " at " + path + " but reads it nowhere");
                }
            }
        }
        return violations;
    }

    /** Service name → the names of the secrets it gets (sources), for a table of who gets what. */
    public static Map<String, Set<String>> secretsByService(JsonNode compose) {
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : compose.path("services").properties()) {
            Set<String> names = new TreeSet<>();
            for (JsonNode secret : entry.getValue().path("secrets")) {
                names.add(secret.isObject() ? secret.path("source").asString("") : secret.asString(""));
            }
            secrets.put(entry.getKey(), names);
        }
        return secrets;
    }

    /**
     * The paths (relative to the repository) that a .gitignore does not keep out of git. Understands the lines
     * this repository writes: {@code name} (anywhere), {@code /path} and {@code path/with/slash} (from the root),
     * a trailing {@code /} for a directory and everything in it; negations ({@code !…}) are refused outright.
     */
    public static List<String> notIgnored(String gitignore, List<String> paths) {
        List<String> patterns = gitignore.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        List<String> violations = new ArrayList<>();
        patterns.stream().filter(p -> p.startsWith("!"))
                .forEach(p -> violations.add(".gitignore: negation " + p + " is not understood by this check"));
        for (String path : paths) {
            if (patterns.stream().noneMatch(pattern -> ignores(pattern, path))) {
                violations.add(path + " is not ignored by git");
            }
        }
        return violations;
    }

    private static boolean ignores(String pattern, String path) {
        boolean directory = pattern.endsWith("/");
        String body = directory ? pattern.substring(0, pattern.length() - 1) : pattern;
        boolean anchored = body.startsWith("/") || body.contains("/");
        body = body.startsWith("/") ? body.substring(1) : body;
        if (anchored) {
            return (path.equals(body) && !directory) || path.startsWith(body + "/");
        }
        List<String> parts = List.of(path.split("/"));
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            if (parts.get(i).equals(body) && (!directory || !last)) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsSecret(JsonNode service, Set<String> readVariables, String path) {
        if (readVariables != null) {
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            if (path.equals(SECRETS_DIR + fileName) && readVariables.contains(fileName)) {
                return true;
            }
            for (Map.Entry<String, JsonNode> variable : service.path("environment").properties()) {
                if (variable.getValue().asString("").equals(path) && readVariables.contains(variable.getKey())) {
                    return true;
                }
            }
            return false;
        }
        StringBuilder uses = new StringBuilder();
        service.path("environment").properties().forEach(v -> uses.append(v.getValue().asString("")).append('\n'));
        for (String field : List.of("command", "entrypoint")) {
            uses.append(String.join(" ", strings(service.path(field)))).append('\n');
        }
        uses.append(String.join(" ", strings(service.path("healthcheck").path("test")))).append('\n');
        for (JsonNode volume : service.path("volumes")) {
            String spec = volume.isObject() ? volume.path("source").asString("") : volume.asString("");
            String source = spec.split(":", 2)[0];
            if (source.startsWith("/")) {
                uses.append(textUnder(Path.of(source)));
            }
        }
        return uses.indexOf(path) >= 0;
    }

    /** The text of a mounted file, or of every file under a mounted directory; nothing for what does not exist. */
    private static String textUnder(Path source) {
        if (!Files.exists(source)) {
            return "";
        }
        // Through a symbolic link to the file or directory itself, not only beside it.
        try (Stream<Path> files = Files.walk(source.toRealPath(), 3)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    static boolean pinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        String name = image.substring(image.lastIndexOf('/') + 1);
        int colon = name.indexOf(':');
        return colon > 0 && EXACT_TAG.matcher(name.substring(colon + 1)).matches();
    }

    private static Optional<String> mongoViolation(String service, String image) {
        String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        if (!(repository.equals("mongo") || repository.endsWith("/mongo")) || !pinned(image)) {
            return Optional.empty();
        }
        String[] version = image.substring(image.lastIndexOf(':') + 1).split("[^0-9]+");
        int major = Integer.parseInt(version[0]);
        int minor = Integer.parseInt(version[1]);
        int patch = Integer.parseInt(version[2]);
        Integer fixed = MONGO_FIXED_PATCH.get(major + "." + minor);
        boolean vulnerable = fixed != null ? patch < fixed : major < 7;
        return vulnerable
                ? Optional.of(service + ": image " + image + " lets a client read the server's memory without"
                        + " authenticating (CVE-2025-14847); use 8.0.17 or later")
                : Optional.empty();
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** A command or test written as a list, or as one string. */
    private static List<String> strings(JsonNode node) {
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(item -> values.add(item.asString("")));
            return values;
        }
        return node.isMissingNode() || node.isNull() ? List.of() : List.of(node.asString(""));
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
