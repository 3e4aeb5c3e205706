package org.mailtrail.platform.redrive;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What a redrive is asked to do.
 *
 * @param bootstrapServers the brokers
 * @param deadLetterTopic the dead-letter topic to empty, {@code <topic>.<group>.dlq}
 * @param dryRun read and check, but send and commit nothing
 * @param max the most records to move in this run, none for all
 * @param group the consumer group whose committed offsets say how far earlier runs got
 * @param clientProperties further Kafka client settings (TLS, SASL), from {@code --command-config FILE}
 */
public record RedriveOptions(String bootstrapServers, String deadLetterTopic, boolean dryRun, OptionalLong max,
        String group, Map<String, String> clientProperties) {

    public static final String DEFAULT_GROUP = "mailtrail-redrive";

    public static final String USAGE = """
            usage: redrive --bootstrap-servers HOST:PORT --dlq <topic>.<group>.dlq [--dry-run] [--max N]
                           [--group NAME] [--command-config FILE]
              Moves the records of a dead-letter topic back to the topic in their x-original-topic header, from
              where the group (default mailtrail-redrive) last stopped up to the end the topic has at the start.
              --dry-run     reads and checks, sends and commits nothing
              --max N       moves at most N records
              --command-config FILE   Kafka client properties (security.protocol, ssl.*, sasl.*)""";

    public RedriveOptions {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "--bootstrap-servers is required");
        require(deadLetterTopic != null && !deadLetterTopic.isBlank(), "--dlq is required");
        require(deadLetterTopic.endsWith(".dlq"), "--dlq " + deadLetterTopic
                + " is not a dead-letter topic (<topic>.<group>.dlq)");
        require(max.isEmpty() || max.getAsLong() > 0, "--max must be a positive number of records");
        require(group != null && !group.isBlank(), "--group must not be empty");
        clientProperties = Map.copyOf(clientProperties);
    }

    /** The options of a command line; a clear {@link IllegalArgumentException} for anything else. */
    public static RedriveOptions parse(String... args) {
        String bootstrapServers = null;
        String deadLetterTopic = null;
        boolean dryRun = false;
        OptionalLong max = OptionalLong.empty();
        String group = DEFAULT_GROUP;
        Map<String, String> clientProperties = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--bootstrap-servers" -> bootstrapServers = value(args, ++i, option);
                case "--dlq" -> deadLetterTopic = value(args, ++i, option);
                case "--dry-run" -> dryRun = true;
                case "--max" -> max = OptionalLong.of(number(value(args, ++i, option)));
                case "--group" -> group = value(args, ++i, option);
                case "--command-config" -> clientProperties.putAll(properties(Path.of(value(args, ++i, option))));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new RedriveOptions(bootstrapServers, deadLetterTopic, dryRun, max, group, clientProperties);
    }

    private static String value(String[] args, int index, String option) {
        require(index < args.length && !args[index].startsWith("--"), option + " needs a value");
        return args[index];
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max " + text + " is not a number of records");
        }
    }

    private static Map<String, String> properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --command-config " + file + ": " + e.getMessage());
        }
        Map<String, String> read = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> read.put(name, properties.getProperty(name)));
        return read;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
