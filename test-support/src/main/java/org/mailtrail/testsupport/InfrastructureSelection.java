package org.mailtrail.testsupport;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Decides where a broker and a MongoDB server come from: an address in the environment first,
 * then Testcontainers if a Docker engine answers, otherwise embedded. Docker is asked at most
 * once, and only when some address is missing from the environment.
 */
public final class InfrastructureSelection {

    public static final String KAFKA_VARIABLE = "MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS";
    public static final String MONGO_VARIABLE = "MAILTRAIL_MONGODB_URI";

    private final Map<String, String> environment;
    private final BooleanSupplier dockerAvailable;
    private Boolean docker;

    public InfrastructureSelection(Map<String, String> environment, BooleanSupplier dockerAvailable) {
        this.environment = environment;
        this.dockerAvailable = dockerAvailable;
    }

    public Backend kafka() {
        return choose(KAFKA_VARIABLE);
    }

    public Backend mongo() {
        return choose(MONGO_VARIABLE);
    }

    /** The address the environment gives for a variable, or {@code null}. */
    public String fromEnvironment(String variable) {
        String value = environment.get(variable);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private Backend choose(String variable) {
        if (fromEnvironment(variable) != null) {
            return Backend.ENVIRONMENT;
        }
        return docker() ? Backend.TESTCONTAINERS : Backend.EMBEDDED;
    }

    private synchronized boolean docker() {
        if (docker == null) {
            docker = dockerAvailable.getAsBoolean();
        }
        return docker;
    }
}
