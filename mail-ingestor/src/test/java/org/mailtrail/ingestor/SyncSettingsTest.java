package org.mailtrail.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SyncSettingsTest {

    private static IngestorProperties.Sync withGap(Duration minRoundGap) {
        return new IngestorProperties.Sync(50, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(10),
                minRoundGap);
    }

    @Test
    void takesAGapBetweenRoundsShorterThanThePollIntervalsOrNone() {
        assertThat(withGap(Duration.ofMillis(500)).minRoundGap()).isEqualTo(Duration.ofMillis(500));
        assertThat(withGap(Duration.ZERO).minRoundGap()).isZero();
    }

    @Test
    void refusesANegativeGapBetweenRounds() {
        assertThatThrownBy(() -> withGap(Duration.ofMillis(-500))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sync.min-round-gap must not be negative");
    }

    @Test
    void refusesAGapBetweenRoundsAsLongAsAPollInterval() {
        assertThatThrownBy(() -> withGap(Duration.ofSeconds(30))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be shorter than sync.poll-interval");
    }

    @Test
    void needsAGapBetweenRounds() {
        assertThatThrownBy(() -> withGap(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("mailtrail.ingestor.sync.min-round-gap");
    }
}
