package org.mailtrail.ingestor.subscription.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ClientStatesTest {

    @Test
    void makesADifferentSecretForEverySubscriptionWithinGraphsLength() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            secrets.add(ClientStates.generate());
        }

        assertThat(secrets).hasSize(100).allSatisfy(secret -> assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void storesOnlyAHashThatTheSecretMatches() {
        String secret = ClientStates.generate();

        String stored = ClientStates.hash(secret);

        assertThat(stored).isNotEqualTo(secret).doesNotContain(secret);
        assertThat(ClientStates.matches(secret, stored)).isTrue();
    }

    @Test
    void refusesAnotherSecretAMissingOneAndAStoredValueThatIsNoHash() {
        String stored = ClientStates.hash(ClientStates.generate());

        assertThat(ClientStates.matches(ClientStates.generate(), stored)).isFalse();
        assertThat(ClientStates.matches(null, stored)).isFalse();
        assertThat(ClientStates.matches("x", null)).isFalse();
        assertThat(ClientStates.matches("x", "%%% not base64")).isFalse();
    }
}
