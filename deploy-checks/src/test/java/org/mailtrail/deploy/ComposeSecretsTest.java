package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * docker-compose.yml as a user gets it running: {@code cp .env.example .env} and {@code ./mailtrail compose-secrets},
 * done here in a copy of the repository whose deploy/secrets/ is a temporary directory, then rendered by
 * docker-compose itself ({@code docker-compose config}, which checks the file as {@code up} would, without an
 * engine) and held to the rules: every service gets only the secrets it reads, as files; none gets an env file;
 * the images are pinned and MongoDB patched; graph-emulator is reachable by its name.
 */
class ComposeSecretsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, Set<String>> READ = ServiceVariables.readIn(ROOT);
    /** The emulator's settings, commented out in .env.example, as a user uncomments them for --profile emulator. */
    private static final List<String> EMULATOR_SETTINGS = List.of("MAILTRAIL_GRAPH_TRUST_STORE",
            "MAILTRAIL_GRAPH_TRUST_STORE_PASSWORD", "MAILTRAIL_GRAPH_ALLOWED_HOSTS");

    private static final String CANARY = "MAILTRAIL_CANARY_SECRET";

    @TempDir
    static Path copy;
    static Path secrets;
    static Rendered plain;
    static Rendered withEmulator;

    /** What docker-compose printed and how it ended. */
    record Rendered(int exitCode, String stdout, String stderr) {
        /** The rendered file; only when docker-compose accepted the file, so that a test fails for the reason. */
        JsonNode compose() {
            if (exitCode != 0) {
                fail("docker-compose refused the file: " + stderr);
            }
            return Manifests.parse(stdout).get(0);
        }
    }

    @BeforeAll
    static void makeTheSecretsAndRender() throws IOException {
        for (String jar : List.of("config-service/target/config-service.jar", "local-run/target/local-run.jar")) {
            if (!Files.isRegularFile(ROOT.resolve(jar))) {
                fail("./mailtrail compose-secrets runs " + jar + ", which is not built: build the repository first"
                        + " (./mvnw -B verify builds config-service and local-run before deploy-checks)");
            }
        }
        // A copy of the repository that shares everything but compose's own files: the secrets go to the copy.
        try (Stream<Path> entries = Files.list(ROOT)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals("deploy") && !name.equals(".env") && !name.startsWith(".git")) {
                    Files.createSymbolicLink(copy.resolve(name), entry);
                }
            }
        }
        Files.createDirectories(copy.resolve("deploy"));
        try (Stream<Path> entries = Files.list(ROOT.resolve("deploy"))) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("secrets")) {
                    Files.createSymbolicLink(copy.resolve("deploy").resolve(entry.getFileName()), entry);
                }
            }
        }
        Files.delete(copy.resolve("docker-compose.yml"));
        Files.copy(ROOT.resolve("docker-compose.yml"), copy.resolve("docker-compose.yml"));
        Files.copy(ROOT.resolve(".env.example"), copy.resolve(".env"));
        secrets = copy.resolve("deploy/secrets");

        Rendered made = run(List.of(ROOT.resolve("mailtrail").toString(), "compose-secrets", secrets.toString()));
        assertThat(made.exitCode()).as("./mailtrail compose-secrets: %s", made.stderr()).isZero();

        String env = Files.readString(copy.resolve(".env"));
        for (String setting : EMULATOR_SETTINGS) {
            env = env.replace("# " + setting + "=", setting + "=");
        }
        Files.writeString(copy.resolve(".env.emulator"), env);
        plain = compose(".env");
        // A secret in .env, as users put them there: docker-compose config merges an env_file into the service's
        // environment, so a service handed .env would show it there, as a secret written into the file.
        Files.writeString(copy.resolve(".env"), CANARY + "=not-for-any-service\n", StandardOpenOption.APPEND);
        withEmulator = compose(".env.emulator", "--profile", "emulator");
    }

    /** The links into the repository go first, so that cleaning up the copy never looks behind them. */
    @AfterAll
    static void removeTheLinks() throws IOException {
        for (Path directory : List.of(copy, copy.resolve("deploy"))) {
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : entries.filter(Files::isSymbolicLink).toList()) {
                    Files.delete(entry);
                }
            }
        }
    }

    @Test
    void rendersWithTheEnvExampleCopiedUnchangedAndWithTheEmulatorProfile() {
        assertThat(plain.exitCode()).as("docker-compose config: %s", plain.stderr()).isZero();
        assertThat(plain.stderr()).as("variables compose would leave empty").doesNotContain("variable is not set");
        assertThat(withEmulator.exitCode()).as("docker-compose --profile emulator config: %s", withEmulator.stderr())
                .isZero();
        assertThat(withEmulator.compose().path("services").has("graph-emulator")).isTrue();
    }

    @Test
    void keepsTheRulesAsRendered() {
        for (Rendered rendered : List.of(plain, withEmulator)) {
            JsonNode compose = rendered.compose();
            assertThat(ComposeRules.violations(compose)).isEmpty();
            assertThat(ComposeRules.unreadSecrets(compose, READ)).isEmpty();
            assertThat(ComposeRules.emulatorViolations(compose)).isEmpty();
            assertThat(ComposeRules.unreadVariables(compose, READ)).isEmpty();
        }
    }

    @Test
    void givesEachServiceOnlyTheSecretsItNeeds() {
        Map<String, Set<String>> expected = new TreeMap<>();
        // The key that encrypts the stored secrets, and its own database.
        expected.put("config-service", Set.of("master-keyset.json", "config-service-mongodb-uri"));
        // Their databases and their clients at the issuer, to call another service.
        expected.put("mail-ingestor", Set.of("mail-ingestor-mongodb-uri", "mail-ingestor-client-secret"));
        expected.put("interaction-matcher", Set.of("interaction-matcher-mongodb-uri",
                "interaction-matcher-client-secret"));
        expected.put("opportunity-service", Set.of("opportunity-service-mongodb-uri"));
        // Its client people sign in with, nothing else: it is what browsers talk to.
        expected.put("console", Set.of("mailtrail-console-client-secret"));
        // Root, the members' key, and the password of each service's user, which it creates on first start.
        expected.put("mongo", Set.of("mongo-root-password", "mongo-keyfile", "mongo-config-service-password",
                "mongo-mail-ingestor-password", "mongo-interaction-matcher-password",
                "mongo-opportunity-service-password"));
        expected.put("prometheus", Set.of("prometheus-client-secret"));
        expected.put("grafana", Set.of("grafana-admin-password"));
        for (String none : List.of("kafka", "kafka-init", "console-network", "graph-emulator")) {
            expected.put(none, Set.of());
        }

        assertThat(ComposeRules.secretsByService(withEmulator.compose())).isEqualTo(expected);
    }

    @Test
    void everySecretIsAFileTheCommandMade() throws IOException {
        JsonNode declared = plain.compose().path("secrets");
        assertThat(declared.propertyNames()).isNotEmpty();
        for (String name : declared.propertyNames()) {
            Path file = Path.of(declared.path(name).path("file").asString());
            assertThat(file.getParent()).as(name).isEqualTo(secrets);
            assertThat(Files.size(file)).as("size of %s", file).isPositive();
            // compose mounts the file as it is; the services run as users of their own.
            assertThat(Files.getPosixFilePermissions(file)).as(name)
                    .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        }
        assertThat(Files.getPosixFilePermissions(secrets)).as("the directory: yours only")
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                        java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        for (String identity : List.of("clients.json", "users.json")) {
            assertThat(secrets.resolve("identity").resolve(identity)).isRegularFile();
        }
    }

    @Test
    void connectsEachServiceToItsOwnDatabaseAsItsOwnUser() throws IOException {
        JsonNode compose = plain.compose();
        List<String> rows = Files.readAllLines(ROOT.resolve("deploy/mongo/users.tsv")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(rows).hasSize(4);
        for (String row : rows) {
            String[] columns = row.split("\t");
            String user = columns[0];
            String database = columns[1];
            String passwordFile = columns[3];
            String password = Files.readString(secrets.resolve(Path.of(passwordFile).getFileName()));

            assertThat(Files.readString(secrets.resolve(user + "-mongodb-uri"))).isEqualTo("mongodb://" + user + ":"
                    + password + "@mongo:27017/" + database + "?replicaSet=rs0&authSource=" + database);
            assertThat(ComposeRules.secretsByService(compose).get(user)).contains(user + "-mongodb-uri");
            assertThat(compose.at("/services/mongo/secrets").toString())
                    .contains("\"" + Path.of(passwordFile).getFileName() + "\"");
            assertThat(passwordFile).startsWith(ComposeRules.SECRETS_DIR);
        }
        assertThat(compose.at("/services/mongo/command").toString()).contains("\"--keyFile\"");
        assertThat(compose.at("/services/mongo/environment/MONGO_INITDB_ROOT_PASSWORD_FILE").asString())
                .isEqualTo("/run/secrets/mongo-root-password");
    }

    @Test
    void runningTheCommandAgainKeepsEverySecret() throws IOException {
        Map<String, String> before = contents();

        Rendered again = run(List.of(ROOT.resolve("mailtrail").toString(), "compose-secrets", secrets.toString()));

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    void letsConfigServiceAndTheIngestorReachTheEmulatorByNameAndTrustIt() {
        JsonNode compose = withEmulator.compose();
        List<String> command = new ArrayList<>();
        compose.at("/services/graph-emulator/command").forEach(c -> command.add(c.asString()));
        String address = "graph-emulator:" + command.get(command.indexOf("--port") + 1);
        // config-service checks a connection's hosts when it is written; the ingestor then uses what it was given.
        assertThat(compose.at("/services/config-service/environment/MAILTRAIL_GRAPH_ALLOWED_HOSTS").asString())
                .contains(address);
        for (String service : List.of("config-service", "mail-ingestor")) {
            JsonNode environment = compose.at("/services/" + service + "/environment");
            String trustStore = environment.path("MAILTRAIL_GRAPH_TRUST_STORE").asString();
            List<String> mounted = new ArrayList<>();
            compose.at("/services/" + service + "/volumes").forEach(v -> mounted.add(v.asString()));
            assertThat(mounted).as(service + " mounts the trust store")
                    .anySatisfy(volume -> {
                        String[] parts = volume.split(":");
                        assertThat(parts[1]).isEqualTo(trustStore);
                        assertThat(Path.of(parts[0])).isRegularFile();
                    });
        }
        // Without the emulator's settings (.env.example as it is), nothing is trusted or allowed beyond Microsoft's.
        assertThat(plain.compose().at("/services/config-service/environment/MAILTRAIL_GRAPH_ALLOWED_HOSTS").asString())
                .isEmpty();
        assertThat(plain.compose().at("/services/mail-ingestor/environment/MAILTRAIL_GRAPH_TRUST_STORE").asString())
                .isEmpty();
    }

    @Test
    void gitKeepsTheEnvFileAndTheSecretsOut() {
        List<String> paths = new ArrayList<>(List.of(".env"));
        plain.compose().path("secrets").properties().forEach(secret -> paths.add(
                copy.relativize(Path.of(secret.getValue().path("file").asString())).toString()));
        paths.add("deploy/secrets/identity/secrets.properties");

        assertThat(ComposeRules.notIgnored(Manifests.text(ROOT.resolve(".gitignore")), paths)).isEmpty();
    }

    @Test
    void pinsTheServicesBaseImage() {
        List<String> images = Manifests.text(ROOT.resolve("deploy/docker/Dockerfile")).lines()
                .filter(line -> line.startsWith("ARG JRE_IMAGE=")).map(line -> line.substring("ARG JRE_IMAGE=".length()))
                .toList();

        assertThat(images).hasSize(1).allMatch(ComposeRules::pinned, "pinned to an exact version");
    }

    /** Each rule, shown to catch what it is for on a copy of the rendered file with one defect put in. */
    @Nested
    class Reports {

        private final JsonNode compose = plain.compose().deepCopy();
        private final JsonNode emulated = withEmulator.compose().deepCopy();

        @Test
        void anEnvFileHandedToAService() {
            ((ObjectNode) compose.at("/services/mail-ingestor")).putArray("env_file").add(copy.resolve(".env").toString());

            assertThat(ComposeRules.violations(compose)).containsExactly("mail-ingestor: env_file hands the service"
                    + " every variable of the file, secrets included; set its settings in environment and hand it its"
                    + " secrets as files (secrets)");
        }

        @Test
        void aSecretTakenFromTheEnvironment() {
            ((ObjectNode) compose.at("/services/console/environment")).put("MAILTRAIL_CONSOLE_CLIENT_SECRET",
                    "${CONSOLE_CLIENT_SECRET}");

            assertThat(ComposeRules.violations(compose)).containsExactly("console: secret MAILTRAIL_CONSOLE_CLIENT_SECRET"
                    + " taken from the environment; hand it over as a file (secrets, target MAILTRAIL_CONSOLE_CLIENT_SECRET)");
        }

        @Test
        void aSecretGivenToAServiceThatDoesNotReadIt() {
            ((ArrayNode) compose.at("/services/opportunity-service/secrets")).add("master-keyset.json");
            ((ArrayNode) compose.at("/services/grafana/secrets")).add("mongo-root-password");
            ((ArrayNode) compose.at("/services/console/secrets")).addObject().put("source", "mail-ingestor-client-secret")
                    .put("target", "MAILTRAIL_CLIENT_SECRET");

            assertThat(ComposeRules.unreadSecrets(compose, READ)).containsExactlyInAnyOrder(
                    "opportunity-service: gets the secret master-keyset.json at /run/secrets/master-keyset.json but"
                            + " reads it nowhere",
                    "grafana: gets the secret mongo-root-password at /run/secrets/mongo-root-password but reads it nowhere",
                    "console: gets the secret mail-ingestor-client-secret at /run/secrets/MAILTRAIL_CLIENT_SECRET but"
                            + " reads it nowhere");
        }

        @Test
        void imagesNotPinnedToAnExactVersionAndAVulnerableMongo() {
            ((ObjectNode) compose.at("/services/mongo")).put("image", "mongo:8.0.4");
            ((ObjectNode) compose.at("/services/kafka")).put("image", "apache/kafka:4");
            ((ObjectNode) compose.at("/services/grafana")).put("image", "grafana/grafana:latest");
            ((ObjectNode) compose.at("/services/prometheus")).put("image", "prom/prometheus");

            assertThat(ComposeRules.violations(compose)).containsExactlyInAnyOrder(
                    "mongo: image mongo:8.0.4 lets a client read the server's memory without authenticating"
                            + " (CVE-2025-14847); use 8.0.17 or later",
                    "kafka: image apache/kafka:4 is not pinned to an exact version",
                    "grafana: image grafana/grafana:latest is not pinned to an exact version",
                    "prometheus: image prom/prometheus is not pinned to an exact version");
            assertThat(ComposeRules.pinned("mongo@sha256:" + "0".repeat(64))).isTrue();
        }

        @Test
        void anEmulatorThatListensOnLoopbackAndAHealthcheckThatProbesOnlyLoopback() {
            ArrayNode command = (ArrayNode) emulated.at("/services/graph-emulator/command");
            for (int i = command.size() - 1; i >= 0; i--) {
                if (command.get(i).asString().equals("--bind")) {
                    command.remove(i + 1);
                    command.remove(i);
                }
            }
            ((ObjectNode) emulated.at("/services/graph-emulator/healthcheck")).putArray("test").add("CMD").add("bash")
                    .add("-c").add("exec 3<>/dev/tcp/127.0.0.1/8443");

            assertThat(ComposeRules.emulatorViolations(emulated)).containsExactly(
                    "graph-emulator: its command lacks --bind 0.0.0.0, so it listens on its container's loopback only",
                    "graph-emulator: its healthcheck probes [127.0.0.1], not the address the services use");
        }

        @Test
        void anEnvFileOrASecretThatGitWouldKeep() {
            String gitignore = "target/\n/deploy/identity/\n";

            assertThat(ComposeRules.notIgnored(gitignore, List.of(".env", "deploy/secrets/mongo-keyfile",
                    "deploy/identity/secrets.properties"))).containsExactly(".env is not ignored by git",
                            "deploy/secrets/mongo-keyfile is not ignored by git");
        }
    }

    private static Map<String, String> contents() throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(secrets)) {
            // The issuer's files are BCrypt hashes of the secrets, salted anew each time: the secrets are what stay.
            for (Path file : files.filter(Files::isRegularFile).filter(file -> !file.toString().endsWith(".json")
                    || file.getFileName().toString().equals("master-keyset.json")).toList()) {
                contents.put(secrets.relativize(file).toString(), Files.readString(file));
            }
        }
        return contents;
    }

    private static Rendered compose(String envFile, String... options) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", copy.resolve("docker-compose.yml")
                .toString(), "--env-file", copy.resolve(envFile).toString()));
        command.addAll(List.of(options));
        command.add("config");
        try {
            return run(command);
        } catch (IllegalStateException e) {
            return fail("docker-compose is needed to check docker-compose.yml as compose reads it: install Debian's"
                    + " docker-compose (apt-get install -y docker-compose; CI installs it)", e);
        }
    }

    private static Rendered run(List<String> command) {
        try {
            Path out = Files.createTempFile(copy, "out", ".txt");
            Path err = Files.createTempFile(copy, "err", ".txt");
            Process process = new ProcessBuilder(command).directory(copy.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 120 s");
            }
            return new Rendered(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
