package org.mailtrail.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One line of deploy/kafka/topics.tsv: the topics every deployment creates, with their settings. */
public record TopicSpec(String name, int partitions, String cleanupPolicy, long retentionMs, long segmentMs) {

    public static List<TopicSpec> read(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(fields -> {
                        if (fields.length != 5) {
                            throw new IllegalStateException(file + ": a topic line has 5 tab-separated fields (name, "
                                    + "partitions, cleanup.policy, retention.ms, segment.ms), not: "
                                    + String.join("|", fields));
                        }
                        return new TopicSpec(fields[0], Integer.parseInt(fields[1]), fields[2],
                                Long.parseLong(fields[3]), Long.parseLong(fields[4]));
                    })
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** The topic configuration the broker is given, as create-topics.sh gives it. */
    public Map<String, String> configs() {
        return Map.of("cleanup.policy", cleanupPolicy, "retention.ms", String.valueOf(retentionMs), "segment.ms",
                String.valueOf(segmentMs));
    }
}
