package org.mailtrail.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A single-node Apache Kafka broker in KRaft mode, run as its own JVM from the kafka_2.13 jars,
 * with its log directory under the data directory so that a second run keeps the topics.
 */
public final class LocalKafka {

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final ManagedProcess process;

    public LocalKafka(Path dataDirectory, int port, int controllerPort, Path logDirectory) {
        this.directory = dataDirectory.resolve("kafka");
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = ManagedProcess.java("kafka", "kafka.Kafka", jvmOptions(), List.of(config().toString()),
                Map.of(), logDirectory.resolve("kafka.log"));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** Formats the storage on first use, starts the broker and waits until it answers. */
    public LocalKafka start(Duration timeout) {
        writeConfig();
        if (!Files.exists(directory.resolve("logs").resolve("meta.properties"))) {
            format();
        }
        process.start().awaitPort(port, timeout);
        return this;
    }

    /**
     * Creates the topics that do not exist yet, with their partitions and settings, and gives those that exist the
     * settings of the file (a data directory kept from a run before the file changed).
     */
    public void createTopics(List<TopicSpec> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            Map<ConfigResource, Collection<AlterConfigOp>> settings = new HashMap<>();
            for (TopicSpec topic : topics) {
                if (existing.contains(topic.name())) {
                    settings.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), topic.configs().entrySet()
                            .stream().map(config -> new AlterConfigOp(new ConfigEntry(config.getKey(), config.getValue()),
                                    AlterConfigOp.OpType.SET))
                            .toList());
                } else {
                    missing.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()));
                }
            }
            admin.createTopics(missing).all().get();
            admin.incrementalAlterConfigs(settings).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    public void stop() {
        process.stop();
    }

    private void format() {
        String clusterId = clusterId();
        ManagedProcess format = ManagedProcess.java("kafka-format", "kafka.tools.StorageTool", jvmOptions(),
                List.of("format", "-t", clusterId, "-c", config().toString(), "--standalone", "--ignore-formatted"),
                Map.of(), process.log().resolveSibling("kafka-format.log"));
        format.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (format.isAlive() && System.nanoTime() < deadline) {
            ManagedProcess.pause(Duration.ofMillis(100));
        }
        if (format.isAlive()) {
            format.kill();
            throw new IllegalStateException("formatting Kafka's storage did not finish; see " + format.log());
        }
    }

    /** The cluster id is chosen once and kept, so that a second run reuses the formatted storage. */
    private String clusterId() {
        Path file = directory.resolve("cluster.id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            String id = org.apache.kafka.common.Uuid.randomUuid().toString();
            Files.writeString(file, id);
            return id;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path config() {
        return directory.resolve("server.properties");
    }

    private void writeConfig() {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "12");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("auto.create.topics.enable", "true");
        properties.put("num.partitions", "3");
        properties.put("log.dirs", directory.resolve("logs").toString());
        try {
            Files.createDirectories(directory);
            try (var out = Files.newBufferedWriter(config())) {
                properties.store(out, "written by mailtrail's local run");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> jvmOptions() {
        return List.of("-Xmx512m", "-XX:+UseSerialGC");
    }
}
