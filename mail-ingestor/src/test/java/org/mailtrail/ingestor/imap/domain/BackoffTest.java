package org.mailtrail.ingestor.imap.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    @ParameterizedTest(name = "after {0} failures in a row: at most {1} s")
    @CsvSource({ "1, 10", "2, 20", "3, 40", "4, 80", "5, 160", "6, 300", "7, 300", "40, 300" })
    void doublesFromTheFirstWaitUpToTheLongest(int failures, long seconds) {
        assertThat(backoff.bound(failures)).isEqualTo(Duration.ofSeconds(seconds));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.anywhereBelow(failures)).isBetween(Duration.ZERO, Duration.ofSeconds(seconds));
            assertThat(backoff.inUpperHalf(failures)).isBetween(Duration.ofMillis(seconds * 500),
                    Duration.ofSeconds(seconds));
        }
    }
}
