package org.mailtrail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

class InfrastructureSelectionTest {

    private final AtomicInteger dockerQuestions = new AtomicInteger();

    private BooleanSupplier docker(boolean answer) {
        return () -> {
            dockerQuestions.incrementAndGet();
            return answer;
        };
    }

    @Test
    void takesAddressesFromTheEnvironmentWithoutAskingDocker() {
        InfrastructureSelection selection = new InfrastructureSelection(
                Map.of("MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS", "10.0.0.5:9092", "MAILTRAIL_MONGODB_URI", "mongodb://db:27017"), docker(true));

        assertThat(selection.kafka()).isEqualTo(Backend.ENVIRONMENT);
        assertThat(selection.mongo()).isEqualTo(Backend.ENVIRONMENT);
        assertThat(selection.fromEnvironment("MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("10.0.0.5:9092");
        assertThat(dockerQuestions).hasValue(0);
    }

    @Test
    void usesTestcontainersWhenNoAddressIsGivenAndDockerAnswers() {
        InfrastructureSelection selection = new InfrastructureSelection(Map.of(), docker(true));

        assertThat(selection.kafka()).isEqualTo(Backend.TESTCONTAINERS);
        assertThat(selection.mongo()).isEqualTo(Backend.TESTCONTAINERS);
    }

    @Test
    void embedsBothWhenNoAddressIsGivenAndDockerDoesNotAnswerAskingDockerOnce() {
        InfrastructureSelection selection = new InfrastructureSelection(Map.of(), docker(false));

        assertThat(selection.kafka()).isEqualTo(Backend.EMBEDDED);
        assertThat(selection.mongo()).isEqualTo(Backend.EMBEDDED);
        assertThat(dockerQuestions).hasValue(1);
    }

    @Test
    void decidesForKafkaAndMongoIndependently() {
        InfrastructureSelection selection = new InfrastructureSelection(
                Map.of("MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"), docker(false));

        assertThat(selection.kafka()).isEqualTo(Backend.ENVIRONMENT);
        assertThat(selection.mongo()).isEqualTo(Backend.EMBEDDED);
    }

    @Test
    void treatsABlankAddressAsNoAddress() {
        InfrastructureSelection selection = new InfrastructureSelection(
                Map.of("MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS", "  ", "MAILTRAIL_MONGODB_URI", ""), docker(false));

        assertThat(selection.kafka()).isEqualTo(Backend.EMBEDDED);
        assertThat(selection.mongo()).isEqualTo(Backend.EMBEDDED);
    }
}
