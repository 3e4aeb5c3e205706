package org.mailtrail.deploy;

import java.nio.file.Path;
import java.util.List;

/** deploy/kafka/topics.tsv: the topics every deployment creates. */
public record TopicList(List<Topic> topics) {

    public record Topic(String name, int partitions, String cleanupPolicy) {
    }

    public static TopicList read(Path file) {
        return new TopicList(Manifests.text(file).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(fields -> new Topic(fields[0], Integer.parseInt(fields[1]), fields[2]))
                .toList());
    }
}
