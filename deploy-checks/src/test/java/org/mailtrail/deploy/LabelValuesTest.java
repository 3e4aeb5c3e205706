package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;


/** The label matchers of alerts and dashboard name tag values the services really write. */
class LabelValuesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Labels Prometheus, Kubernetes or the common {@code application} tag add to every mailtrail meter. */
    private static final Set<String> ADDED_TO_EVERY_METER = Set.of("application", "namespace", "instance", "job",
            "pod", "service", "container", "endpoint", "le", "quantile");
    private static final Map<String, Map<String, MeterTags.Values>> TAGS = MeterTags.registeredIn(ROOT);

    @Test
    void everyMatcherOfTheAlertsAndTheDashboardNamesAValueTheCodeWrites() {
        List<String> queries = new ArrayList<>();
        AlertRulesTest.alerts().forEach(alert -> queries.add(alert.path("expr").asString()));
        queries.addAll(DashboardTest.queries());
        List<PromQl.LabelMatcher> checked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();

        for (String query : queries) {
            for (PromQl.LabelMatcher matcher : PromQl.matchers(query)) {
                if (!matcher.metric().startsWith("mailtrail_") || ADDED_TO_EVERY_METER.contains(matcher.label())) {
                    continue;
                }
                String meter = MeterNames.queriedIn(matcher.metric()).iterator().next();
                MeterTags.Values values = TAGS.getOrDefault(meter, Map.of()).get(matcher.label());
                if (values == null) {
                    wrong.add(matcher + ": " + meter + " has no tag " + matcher.label() + " (its tags: "
                            + TAGS.getOrDefault(meter, Map.of()).keySet() + ")");
                } else if (!matcher.value().contains("$") && !values.admits(matcher.value(), matcher.regex())) {
                    wrong.add(matcher + ": the code writes " + matcher.label() + " as " + values.literals()
                            + (values.numeric() ? " or an HTTP status" : ""));
                }
                checked.add(matcher);
            }
        }

        assertThat(checked).as("matchers checked").extracting(PromQl.LabelMatcher::label)
                .contains("status", "outcome", "operation", "since", "connection");
        assertThat(wrong).as("label matchers no service writes").isEmpty();
    }

    @Test
    void readsTheStatusesOfTheSetupChecksFromTheEnumTheCodeLowercases() {
        MeterTags.Values status = TAGS.get("mailtrail_checks_completed").get("status");

        assertThat(status.literals()).containsExactlyInAnyOrder("passed", "warning", "failed", "skipped");
        assertThat(status.admits("failed", false)).isTrue();
        assertThat(status.admits("FAILED", false)).isFalse();
    }

    @Test
    void readsGraphStatusesAsHttpStatusesAndOperationsFromTheModule() {
        MeterTags.Values status = TAGS.get("mailtrail_graph_requests").get("status");
        MeterTags.Values operation = TAGS.get("mailtrail_graph_requests").get("operation");

        assertThat(status.literals()).contains("io_error");
        assertThat(status.admits("429", false)).isTrue();
        assertThat(status.admits("2..", true)).isTrue();
        assertThat(status.admits("throttled", false)).isFalse();
        assertThat(operation.admits("subscriptions.create|subscriptions.update", true)).isTrue();
        assertThat(operation.admits("subscriptions.renew", true)).isFalse();
    }

    @Test
    void readsValuesPassedToTheMethodThatRegistersTheMeter() {
        assertThat(TAGS.get("mailtrail_mail_processing_latency").get("since").literals())
                .containsExactlyInAnyOrder("received", "event");
        assertThat(TAGS.get("mailtrail_mail_processed").get("outcome").literals())
                .containsExactlyInAnyOrder("logged", "excluded");
        assertThat(TAGS.get("mailtrail_delta_rounds").get("outcome").literals()).contains("failed", "stale");
    }
}
