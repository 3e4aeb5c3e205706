package org.mailtrail.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * mailtrail's own meter names, as the services register them ({@code "mailtrail.mail.received"} in
 * the Java sources) and as dashboards and alerts query them ({@code mailtrail_mail_received_total}
 * in PromQL), both brought to one form ({@code mailtrail_mail_received}) so they can be compared.
 */
public final class MeterNames {

    private static final Pattern REGISTERED = Pattern.compile("\"(mailtrail(?:\\.[a-z]+)+)\"");
    private static final Pattern QUERIED = Pattern.compile("\\b(mailtrail_[a-z_]+)\\b");
    private static final Pattern PROMETHEUS_SUFFIX = Pattern.compile("(_total|_bucket|_count|_sum|_max)$");

    /** Every {@code mailtrail.*} string literal in the main sources of the repository's modules. */
    public static Set<String> registeredIn(Path root) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, 14)) {
            files.filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/main/java/"))
                    .forEach(file -> {
                        Matcher matcher = REGISTERED.matcher(Manifests.text(file));
                        while (matcher.find()) {
                            names.add(matcher.group(1).replace('.', '_'));
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The meters a PromQL text queries, without the suffixes Prometheus adds (counter, histogram, unit). */
    public static Set<String> queriedIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = QUERIED.matcher(promql);
        while (matcher.find()) {
            String name = PROMETHEUS_SUFFIX.matcher(matcher.group(1)).replaceAll("");
            names.add(name.endsWith("_seconds") ? name.substring(0, name.length() - "_seconds".length()) : name);
        }
        return names;
    }

    private MeterNames() {
    }
}
