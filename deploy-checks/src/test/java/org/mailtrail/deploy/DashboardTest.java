package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one Grafana dashboard, which compose mounts and Kubernetes ships in a ConfigMap. */
class DashboardTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String FILE = "k8s/components/monitoring/dashboards/mailtrail.json";
    private static final JsonNode DASHBOARD = JsonMapper.builder().build().readTree(Manifests.text(ROOT.resolve(FILE)));

    @Test
    void everyPanelHasAUnit() {
        assertThat(DASHBOARD.path("panels")).isNotEmpty().allSatisfy(panel -> assertThat(
                panel.at("/fieldConfig/defaults/unit").asString()).as(panel.path("title").asString()).isNotBlank());
    }

    @Test
    void everyQueryIsScopedByTheNamespaceVariableAndPerConnectionQueriesByTheConnectionVariable() {
        Set<String> variables = new TreeSet<>();
        DASHBOARD.at("/templating/list").forEach(variable -> variables.add(variable.path("name").asString()));

        assertThat(variables).containsExactly("connection", "namespace");
        assertThat(panelQueries()).allSatisfy(query -> {
            assertThat(query).contains("namespace=~\"$namespace\"");
            if (query.contains("mailtrail_mail_received_total") || query.contains("mailtrail_subscription_expiry")) {
                assertThat(query).contains("connection=~\"$connection\"");
            }
        });
    }

    @Test
    void showsWhatOperationsWatch() {
        String all = String.join("\n", panelQueries());

        assertThat(all).contains("histogram_quantile(0.95, sum by (le) (rate(mailtrail_mail_processing_latency_seconds_bucket",
                "sum by (connection) (rate(mailtrail_mail_received_total", "mailtrail_promotions_completed_total",
                "mailtrail_checks_completed_total", "mailtrail_tokens_failed_total",
                "mailtrail_messages_deadlettered_total", "spring_cloud_stream_binder_kafka_offset",
                "mailtrail_dispositions_pending_age_seconds");
    }

    @Test
    void composeAndKubernetesProvisionTheSameFile() {
        JsonNode grafana = Manifests.read(ROOT.resolve("docker-compose.yml")).at("/services/grafana");
        JsonNode provider = Manifests.read(ROOT.resolve("deploy/grafana/provisioning/dashboards/mailtrail.yml"))
                .at("/providers/0");
        JsonNode component = Manifests.read(ROOT.resolve("k8s/components/monitoring/kustomization.yaml"));

        assertThat(grafana.path("volumes").valueStream().map(JsonNode::asString))
                .contains("./k8s/components/monitoring/dashboards:" + provider.at("/options/path").asString() + ":ro");
        assertThat(component.path("configMapGenerator").valueStream().flatMap(map -> map.path("files").valueStream())
                .map(JsonNode::asString)).contains("dashboards/mailtrail.json");
    }

    /** The queries of the panels and of the variables. */
    static List<String> queries() {
        List<String> queries = new ArrayList<>(panelQueries());
        DASHBOARD.at("/templating/list").forEach(variable -> queries.add(variable.at("/query/query").asString()));
        return queries;
    }

    private static List<String> panelQueries() {
        List<String> queries = new ArrayList<>();
        DASHBOARD.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> queries.add(target.path("expr").asString())));
        return queries;
    }
}
