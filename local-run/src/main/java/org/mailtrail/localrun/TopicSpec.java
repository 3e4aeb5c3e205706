package org.mailtrail.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One line of deploy/kafka/topics.tsv: the topics every deployment creates. */
public record TopicSpec(String name, int partitions, String cleanupPolicy) {

    public static List<TopicSpec> read(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(fields -> new TopicSpec(fields[0], Integer.parseInt(fields[1]), fields[2]))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
