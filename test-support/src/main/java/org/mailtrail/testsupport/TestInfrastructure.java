package org.mailtrail.testsupport;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * One Kafka broker and one MongoDB server per test JVM, started on first use and stopped when
 * the JVM exits. Where they come from is decided by {@link InfrastructureSelection} and logged
 * once, so a test log always names the backend it ran against.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static final TestInfrastructure SHARED = new TestInfrastructure(System.getenv(),
            () -> DockerClientFactory.instance().isDockerAvailable());

    private final InfrastructureSelection selection;
    private KafkaInfrastructure kafka;
    private MongoInfrastructure mongo;
    private boolean stopHookAdded;

    /** A provider over the given environment; most tests want {@link #shared()} instead. */
    public TestInfrastructure(Map<String, String> environment, BooleanSupplier dockerAvailable) {
        this.selection = new InfrastructureSelection(environment, dockerAvailable);
    }

    /** The JVM-wide instance every {@link IntegrationTest} uses. */
    public static TestInfrastructure shared() {
        return SHARED;
    }

    public synchronized KafkaInfrastructure kafka() {
        if (kafka == null) {
            Backend backend = selection.kafka();
            kafka = switch (backend) {
                case ENVIRONMENT -> new ExternalKafka(selection.fromEnvironment(InfrastructureSelection.KAFKA_VARIABLE));
                case TESTCONTAINERS -> ContainerKafka.start();
                case EMBEDDED -> EmbeddedKafka.start();
            };
            log.info("Test infrastructure: Kafka = {} at {}", describe(backend, "Apache Kafka broker (KRaft)"),
                    kafka.bootstrapServers());
            stopAtExit();
        }
        return kafka;
    }

    public synchronized MongoInfrastructure mongo() {
        if (mongo == null) {
            Backend backend = selection.mongo();
            mongo = switch (backend) {
                case ENVIRONMENT -> new ExternalMongo(selection.fromEnvironment(InfrastructureSelection.MONGO_VARIABLE));
                case TESTCONTAINERS -> ContainerMongo.start();
                case EMBEDDED -> EmbeddedMongo.start();
            };
            log.info("Test infrastructure: MongoDB = {} at {}", describe(backend, "mongo-java-server"),
                    mongo.uri("<database>"));
            stopAtExit();
        }
        return mongo;
    }

    /** Stops what this instance started; addresses from the environment are left alone. */
    public synchronized void stop() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (mongo != null) {
            mongo.close();
            mongo = null;
        }
    }

    private static String describe(Backend backend, String embeddedKind) {
        return switch (backend) {
            case ENVIRONMENT -> "ENVIRONMENT (address from the environment)";
            case TESTCONTAINERS -> "TESTCONTAINERS (Docker container)";
            case EMBEDDED -> "EMBEDDED (" + embeddedKind + " in the test JVM)";
        };
    }

    private void stopAtExit() {
        if (!stopHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "test-infrastructure-stop"));
            stopHookAdded = true;
        }
    }
}
