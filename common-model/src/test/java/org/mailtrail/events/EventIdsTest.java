package org.mailtrail.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.mail.MailReceived;

/**
 * Event ids are how consumers recognise a repeat, across versions too: the values below were worked out apart
 * from this code (an MD5 name-based UUID of the type and the parts, joined by U+001F), so a change of the
 * derivation fails here instead of silently giving every redelivered fact a new id.
 */
class EventIdsTest {

    private static final String CONNECTION = "c0ffee00-0000-4000-8000-000000000001";
    private static final String MAIL = "<quote-40@fabrikam.example>";

    @Test
    void derivesTheSameIdAsEveryEarlierVersion() {
        assertThat(EventIds.of(MailReceived.TYPE, CONNECTION, MAIL))
                .isEqualTo(UUID.fromString("93f8a893-8862-3cfd-b825-5f4be6a562f6"));
    }

    @Test
    void keepsThePartsApartSoThatMovingABoundaryGivesAnotherId() {
        assertThat(EventIds.of("t", "ab", "c")).isEqualTo(UUID.fromString("877432c5-b106-3540-9f34-4f6e2275d3cb"));
        assertThat(EventIds.of("t", "a", "bc")).isEqualTo(UUID.fromString("3d1f4f0d-35c7-3555-9b20-528076812050"));
    }
}
