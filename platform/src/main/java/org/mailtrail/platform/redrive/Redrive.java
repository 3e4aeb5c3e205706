package org.mailtrail.platform.redrive;

import java.io.PrintStream;
import java.util.Map;

/**
 * The redrive command, in every service's jar and image (it is the platform's): {@code java
 * -Dloader.main=org.mailtrail.platform.redrive.Redrive org.springframework.boot.loader.launch.PropertiesLauncher
 * --bootstrap-servers … --dlq …} in a service's image, with {@code -cp service.jar} before the launcher outside one.
 * Exit codes: 0 done, 1 a record refused or the run failed (what was moved before is committed), 2 a wrong command
 * line.
 */
public final class Redrive {

    private static final String LOGGING = "logback.configurationFile";

    public static void main(String[] args) {
        // Outside Spring Boot, logback's own default would print every Kafka client's DEBUG lines.
        if (System.getProperty(LOGGING) == null) {
            System.setProperty(LOGGING, "org/mailtrail/platform/redrive/redrive-logback.xml");
        }
        System.exit(run(args, System.out, System.err, new DeadLetterRedrive()));
    }

    /** Runs the command and answers its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, DeadLetterRedrive redrive) {
        RedriveOptions options;
        try {
            options = RedriveOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("redrive: " + e.getMessage());
            err.println(RedriveOptions.USAGE);
            return 2;
        }
        DeadLetterRedrive.Report report;
        try {
            report = redrive.run(options);
        } catch (RuntimeException e) {
            err.println("redrive: " + e.getMessage());
            return 1;
        }
        print(report, out);
        if (report.refusal().isPresent()) {
            err.println("redrive: refused " + report.refusal().get() + ". It and the records after it stay in "
                    + report.deadLetterTopic() + ", not committed; move or fix it, then run again.");
            return 1;
        }
        return 0;
    }

    private static void print(DeadLetterRedrive.Report report, PrintStream out) {
        out.printf("%s %d record%s from %s%s%n", report.dryRun() ? "would move" : "moved", report.moved(),
                report.moved() == 1 ? "" : "s", report.deadLetterTopic(),
                report.dryRun() ? " (dry run: nothing sent, nothing committed)" : "");
        for (Map.Entry<String, Long> topic : report.movedPerTopic().entrySet()) {
            out.printf("  %-40s %d%n", topic.getKey(), topic.getValue());
        }
    }

    private Redrive() {
    }
}
