package org.mailtrail.ingestor.connection.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrail.testsupport.ManualClock;

class OwnershipTest {

    private static final Instant RENEWED = Instant.parse("2026-12-04T10:00:00Z");

    private final ManualClock clock = new ManualClock(RENEWED);
    private final List<Ownership> stopped = new ArrayList<>();
    private final Ownership ownership = new Ownership("crm-log", 3, RENEWED.plusSeconds(20), clock, stopped::add);

    @Test
    void isHeldUntilTheTimeItsLastRenewalVouchesFor() {
        clock.advance(Duration.ofSeconds(19));
        assertThat(ownership.held()).isTrue();
        ownership.check();

        clock.advance(Duration.ofSeconds(1));

        assertThat(ownership.held()).isFalse();
        assertThatThrownBy(ownership::check).isInstanceOf(StaleOwnerException.class)
                .hasMessageContaining("crm-log").hasMessageContaining("epoch 3").hasMessageContaining("renewed too long ago");
        assertThat(stopped).as("a check stops nothing by itself").isEmpty();
    }

    @Test
    void isHeldLongerAfterEachRenewalButNeverShorter() {
        ownership.heldUntil(RENEWED.plusSeconds(30));
        ownership.heldUntil(RENEWED.plusSeconds(25));

        clock.advance(Duration.ofSeconds(29));

        assertThat(ownership.held()).isTrue();
    }

    @Test
    void stopsTheConnectionOnceWhenLostAndIsNeverHeldAgain() {
        ownership.lost();
        ownership.lost();
        ownership.heldUntil(RENEWED.plusSeconds(60));

        assertThat(stopped).containsExactly(ownership);
        assertThat(ownership.held()).isFalse();
        assertThatThrownBy(ownership::check).isInstanceOf(StaleOwnerException.class)
                .hasMessageContaining("another instance holds the lease");
    }
}
