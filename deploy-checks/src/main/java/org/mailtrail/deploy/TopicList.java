package org.mailtrail.deploy;

import java.nio.file.Path;
import java.util.List;

/** deploy/kafka/topics.tsv: the topics every deployment creates, with their settings. */
public record TopicList(List<Topic> topics) {

    /**
     * One topic.
     *
     * @param retentionMs how long a record is kept, {@code -1} for ever (the compacted topics)
     * @param segmentMs how long a segment stays open: a record can outlive its retention by up to that much
     */
    public record Topic(String name, int partitions, String cleanupPolicy, long retentionMs, long segmentMs) {
    }

    public static TopicList read(Path file) {
        return new TopicList(Manifests.text(file).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(fields -> {
                    if (fields.length != 5) {
                        throw new IllegalArgumentException(file + ": a topic line has 5 tab-separated fields (name, "
                                + "partitions, cleanup.policy, retention.ms, segment.ms), not: " + String.join("|", fields));
                    }
                    return new Topic(fields[0], Integer.parseInt(fields[1]), fields[2], Long.parseLong(fields[3]),
                            Long.parseLong(fields[4]));
                })
                .toList());
    }

    public Topic named(String name) {
        return topics.stream().filter(topic -> topic.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic " + name + " in the topic list"));
    }
}
