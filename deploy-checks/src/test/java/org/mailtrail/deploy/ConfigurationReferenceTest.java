package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The configuration reference, checked against what the services really read: every setting of a
 * service is a {@code MAILTRAIL_*} environment variable in its {@code application.yml}, bound to a
 * typed property the configuration processor knows (so IDEs complete it), with a default written
 * the one way durations are written, and documented in the service's README, row for row. (That
 * the deployments set no variable a service does not read is {@link DeploymentsTest}'s.)
 */
class ConfigurationReferenceTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Platform settings every service exposes, whatever else it has. */
    private static final List<String> EVERY_SERVICE = List.of("mailtrail.outbox.relay-interval",
            "mailtrail.outbox.relay-grace");
    /** Platform settings of every service whose consumers wait out an outage of MongoDB. */
    private static final List<String> EVERY_CONSUMER = List.of("mailtrail.messaging.outage-longest-pause");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(?::([^}]*))?}");
    private static final Pattern DURATION = Pattern.compile("\\d+(ms|s|m|h|d)");

    /** One {@code ${VARIABLE:default}} of an application.yml and the property it sets. */
    record Setting(String variable, String property, String defaultValue) {
    }

    /** One row of a README's configuration table. */
    record Row(String variable, String property, String defaultValue) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "config-service", "mail-ingestor", "interaction-matcher", "opportunity-service", "console" })
    void everyVariableIsMailtrailsOwn(String service) throws IOException {
        assertThat(settings(service)).extracting(Setting::variable).allMatch(v -> v.startsWith("MAILTRAIL_"),
                "starts with MAILTRAIL_");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "config-service", "mail-ingestor", "interaction-matcher", "opportunity-service", "console" })
    void everyMailtrailPropertyIsTypedAndEveryTypedPropertyIsReachable(String service) throws IOException {
        Map<String, String> known = metadata(ROOT.resolve("platform"));
        Map<String, String> own = metadata(ROOT.resolve(service));
        known.putAll(own);
        Set<String> bound = new TreeSet<>();
        for (Setting setting : settings(service)) {
            if (setting.property().startsWith("mailtrail.")) {
                assertThat(known).as("%s sets %s, which no @ConfigurationProperties record of %s declares",
                        setting.variable(), setting.property(), service).containsKey(setting.property());
                bound.add(setting.property());
            }
        }
        assertThat(bound).as("settings of %s without a MAILTRAIL_ variable", service).containsAll(own.keySet());
        if (!service.equals("console")) {
            // The console keeps no data, so it has neither an outbox nor consumers that wait out an outage.
            assertThat(bound).as("platform settings of %s", service).containsAll(EVERY_SERVICE);
        }
        if (!service.equals("console") && !service.equals("config-service")) {
            // config-service consumes nothing.
            assertThat(bound).as("consumer settings of %s", service).containsAll(EVERY_CONSUMER);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "config-service", "mail-ingestor", "interaction-matcher", "opportunity-service", "console" })
    void everyDurationIsWrittenOneWay(String service) throws IOException {
        Map<String, String> types = metadata(ROOT.resolve("platform"));
        types.putAll(metadata(ROOT.resolve(service)));
        for (Setting setting : settings(service)) {
            if ("java.time.Duration".equals(types.get(setting.property())) && !setting.defaultValue().isEmpty()) {
                assertThat(setting.defaultValue()).as("default of %s", setting.variable()).matches(DURATION);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "config-service", "mail-ingestor", "interaction-matcher", "opportunity-service", "console" })
    void theReadmeDocumentsEveryVariableWithItsPropertyAndDefault(String service) throws IOException {
        List<Setting> settings = settings(service);
        Map<String, Row> rows = readmeRows(ROOT.resolve(service).resolve("README.md"));
        Map<String, List<Setting>> byVariable = new LinkedHashMap<>();
        settings.forEach(s -> byVariable.computeIfAbsent(s.variable(), v -> new ArrayList<>()).add(s));

        assertThat(rows.keySet()).as("variables documented in %s/README.md", service)
                .containsExactlyInAnyOrderElementsOf(byVariable.keySet());
        byVariable.forEach((variable, uses) -> {
            Row row = rows.get(variable);
            assertThat(uses).extracting(Setting::property).as("property documented for %s", variable)
                    .contains(row.property());
            assertThat(row.defaultValue()).as("default documented for %s", variable)
                    .isEqualTo(uses.get(0).defaultValue());
        });
    }

    private static List<Setting> settings(String service) throws IOException {
        JsonNode yaml = new YAMLMapper().readTree(ROOT.resolve(service).resolve("src/main/resources/application.yml").toFile());
        List<Setting> settings = new ArrayList<>();
        collect(yaml, "", settings);
        assertThat(settings).as("settings of %s", service).isNotEmpty();
        return settings;
    }

    private static void collect(JsonNode node, String path, List<Setting> settings) {
        if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                    settings));
        } else if (node.isValueNode()) {
            Matcher placeholder = PLACEHOLDER.matcher(node.asString());
            while (placeholder.find()) {
                String name = placeholder.group(1);
                if (name.equals(name.toUpperCase())) {
                    settings.add(new Setting(name, path, placeholder.group(2) == null ? "" : placeholder.group(2)));
                }
            }
        }
    }

    /** Property name → type, from the configuration processor's output for a module. */
    private static Map<String, String> metadata(Path module) throws IOException {
        Path file = module.resolve("target/classes/META-INF/spring-configuration-metadata.json");
        assertThat(file).as("the configuration processor's metadata of %s (built before this module)", module.getFileName())
                .exists();
        Map<String, String> properties = new HashMap<>();
        for (JsonNode property : JsonMapper.builder().build().readTree(file.toFile()).path("properties")) {
            properties.put(property.path("name").asString(), property.path("type").asString());
        }
        return properties;
    }

    /**
     * The rows of the README's {@code | variable | property | default | meaning |} table, by variable:
     * names and values in backticks, an empty default as {@code —}.
     */
    private static Map<String, Row> readmeRows(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int header = lines.indexOf("| variable | property | default | meaning |");
        assertThat(header).as("the configuration table of %s", readme).isNotNegative();
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|", -1);
            String variable = unquote(cells[1]);
            assertThat(rows).as("%s documented twice in %s", variable, readme).doesNotContainKey(variable);
            rows.put(variable, new Row(variable, unquote(cells[2]), unquote(cells[3])));
        }
        return rows;
    }

    private static String unquote(String cell) {
        String text = cell.trim();
        if (text.equals("—")) {
            return "";
        }
        return text.startsWith("`") && text.endsWith("`") && text.length() >= 2 ? text.substring(1, text.length() - 1)
                : text;
    }
}
