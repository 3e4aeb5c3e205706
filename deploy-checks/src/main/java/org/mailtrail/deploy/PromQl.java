package org.mailtrail.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The label matchers of PromQL expressions, enough to hold alerts and dashboards against the meters' tags. */
public final class PromQl {

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_]\\w*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One matcher of a selector: {@code mailtrail_checks_completed_total{status="failed"}} gives one. */
    public record LabelMatcher(String metric, String label, String operator, String value) {

        public boolean regex() {
            return operator.endsWith("~");
        }

        @Override
        public String toString() {
            return metric + "{" + label + operator + "\"" + value + "\"}";
        }
    }

    public static List<LabelMatcher> matchers(String promql) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Matcher selector = SELECTOR.matcher(promql);
        while (selector.find()) {
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                matchers.add(new LabelMatcher(selector.group(1), matcher.group(1), matcher.group(2),
                        matcher.group(3).replace("\\\\", "\\")));
            }
        }
        return matchers;
    }

    private PromQl() {
    }
}
