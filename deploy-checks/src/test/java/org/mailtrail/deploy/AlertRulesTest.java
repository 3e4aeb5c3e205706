package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The alert rules, checked and unit-tested by promtool, and held to what an on-call engineer needs of an alert. */
class AlertRulesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path ALERTS = ROOT.resolve("deploy/prometheus/alerts.yml");
    private static final Path UNIT_TESTS = ROOT.resolve("deploy/prometheus/tests");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void promtoolAcceptsTheRulesOfComposeAndOfKubernetes(@TempDir Path work) throws IOException {
        JsonNode rule = Manifests.read(ROOT.resolve("k8s/components/monitoring/prometheus-rule.yaml"));
        Path kubernetes = work.resolve("prometheus-rule-spec.yml");
        Files.writeString(kubernetes, new YAMLMapper().writeValueAsString(rule.path("spec")));

        assertThat(promtool("check", "rules", ALERTS.toString(), kubernetes.toString()))
                .contains("SUCCESS: " + alerts().size() + " rules found");
    }

    @Test
    void promtoolUnitTestsOfEveryAlertPass() {
        List<String> command = new ArrayList<>(List.of("test", "rules"));
        unitTests().forEach(file -> command.add(file.toString()));

        String output = promtool(command.toArray(String[]::new));

        assertThat(output.split("SUCCESS", -1)).hasSize(unitTests().size() + 1);
    }

    @Test
    void everyAlertHasAUnitTestWhereItFiresAndOneWhereItStaysQuiet() {
        List<JsonNode> cases = unitTests().stream().map(Manifests::read)
                .flatMap(file -> stream(file.path("tests"))).flatMap(test -> stream(test.path("alert_rule_test")))
                .toList();

        assertThat(alerts()).isNotEmpty().allSatisfy(alert -> {
            String name = alert.path("alert").asString();
            assertThat(cases).as("a case where %s fires, with its labels and annotations", name).anySatisfy(c -> {
                assertThat(c.path("alertname").asString()).isEqualTo(name);
                assertThat(c.path("exp_alerts")).isNotEmpty();
                assertThat(c.path("exp_alerts")).allSatisfy(expected -> {
                    assertThat(expected.path("exp_labels").path("severity").isMissingNode()).isFalse();
                    assertThat(expected.path("exp_annotations").path("runbook_url").asString())
                            .isEqualTo(alert.at("/annotations/runbook_url").asString());
                });
            });
            assertThat(cases).as("a case where %s stays quiet", name).anySatisfy(c -> {
                assertThat(c.path("alertname").asString()).isEqualTo(name);
                assertThat(c.path("exp_alerts").isArray() && c.path("exp_alerts").isEmpty()).isTrue();
            });
        });
    }

    @Test
    void everyAlertHasASeveritySummaryAndRunbook() {
        assertThat(alerts()).allSatisfy(alert -> {
            String name = alert.path("alert").asString();
            assertThat(alert.at("/labels/severity").asString()).as(name).isIn("warning", "critical");
            assertThat(alert.at("/annotations/summary").asString()).as(name).isNotBlank();
            assertThat(alert.at("/annotations/runbook_url").asString()).as(name)
                    .isEqualTo("docs/operations.md#" + name.toLowerCase(Locale.ROOT));
        });
    }

    static List<JsonNode> alerts() {
        return stream(Manifests.read(ALERTS).path("groups")).flatMap(group -> stream(group.path("rules"))).toList();
    }

    private static List<Path> unitTests() {
        try (Stream<Path> files = Files.list(UNIT_TESTS)) {
            return files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + UNIT_TESTS, e);
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    /** Runs promtool; fails (never skips) where it is missing, as CI must have it. */
    private static String promtool(String... arguments) {
        assertThat(Files.isExecutable(PROMTOOL)).as("%s is missing: install Debian's prometheus package "
                + "(apt-get install prometheus), which brings promtool", PROMTOOL).isTrue();
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
            assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", arguments), output).isZero();
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + PROMTOOL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
