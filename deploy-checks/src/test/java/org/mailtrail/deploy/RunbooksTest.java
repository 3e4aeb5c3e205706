package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** docs/operations.md has one runbook per alert, in the rules' order, and each alert points at its own. */
class RunbooksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String DOCUMENT = "docs/operations.md";
    private static final Pattern METER = Pattern.compile("\\b(?:mailtrail|spring)_[a-z_]+");
    private static final Map<String, String> RUNBOOKS = runbooks(Manifests.text(ROOT.resolve(DOCUMENT)));

    @Test
    void everyAlertHasARunbookAndEveryRunbookAnAlertInTheSameOrder() {
        List<String> alerts = AlertRulesTest.alerts().stream().map(alert -> alert.path("alert").asString()).toList();

        assertThat(List.copyOf(RUNBOOKS.keySet())).isEqualTo(alerts);
    }

    @Test
    void everyAlertPointsAtItsRunbook() {
        assertThat(AlertRulesTest.alerts()).allSatisfy(alert -> {
            String name = alert.path("alert").asString();
            assertThat(alert.at("/annotations/runbook_url").asString()).as(name)
                    .isEqualTo(DOCUMENT + "#" + anchor(name));
        });
    }

    @Test
    void everyRunbookSaysWhatTheAlertMeansHowToConfirmItAndWhatToDoWithTheMetersItQueries() {
        for (JsonNode alert : AlertRulesTest.alerts()) {
            String name = alert.path("alert").asString();
            String runbook = RUNBOOKS.get(name);
            assertThat(runbook).as(name).contains("**Meaning.**", "**Confirm.**", "**Act.**", "```sh");
            String expr = alert.path("expr").asString();
            List<String> meters = new ArrayList<>();
            Matcher meter = METER.matcher(expr);
            while (meter.find()) {
                meters.add(meter.group());
            }
            assertThat(meters).isNotEmpty().as("the meters of %s, queried in its runbook", name)
                    .allSatisfy(queried -> assertThat(runbook).contains(queried));
        }
    }

    /** GitHub's anchor of a heading: lowercased, spaces to hyphens, other punctuation dropped. */
    private static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    /** The sections under "## Runbooks", by their heading. */
    private static Map<String, String> runbooks(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        int start = markdown.indexOf("\n## Runbooks\n");
        assertThat(start).as("%s has a section Runbooks", DOCUMENT).isPositive();
        String part = markdown.substring(start + "\n## Runbooks\n".length());
        int next = part.indexOf("\n## ");
        part = next < 0 ? part : part.substring(0, next);
        String[] pieces = ("\n" + part).split("\n### ");
        for (int i = 1; i < pieces.length; i++) {
            int end = pieces[i].indexOf('\n');
            sections.put(pieces[i].substring(0, end).trim(), pieces[i].substring(end + 1));
        }
        return sections;
    }
}
