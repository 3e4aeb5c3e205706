package org.mailtrail.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.mailtrail.ingestor.imap.ImapSourceProperties;
import org.springframework.util.unit.DataSize;

class ImapSettingsTest {

    private static ImapSourceProperties with(int pageSize, Duration idleRenew, int connections) {
        return new ImapSourceProperties(pageSize, idleRenew, connections, DataSize.ofMegabytes(25),
                Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    @Test
    void takesTheDefaults() {
        assertThat(with(50, Duration.ofMinutes(25), 3).idleRenew()).isEqualTo(Duration.ofMinutes(25));
    }

    @Test
    void refusesAnIdleRenewalOf29MinutesOrMore() {
        assertThatThrownBy(() -> with(50, Duration.ofMinutes(29), 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailtrail.imap.idle-renew must be positive and shorter than 29m");
    }

    @Test
    void refusesFewerThanTwoConnectionsPerMailbox() {
        assertThatThrownBy(() -> with(50, Duration.ofMinutes(25), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailtrail.imap.max-connections-per-mailbox must be at least 2");
    }

    @Test
    void refusesAPageSizeOutside1To1000() {
        assertThatThrownBy(() -> with(0, Duration.ofMinutes(25), 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailtrail.imap.page-size must be between 1 and 1000");
    }

    @Test
    void refusesAReconnectionBoundBelowItsStart() {
        assertThatThrownBy(() -> new ImapSourceProperties(50, Duration.ofMinutes(25), 3, DataSize.ofMegabytes(25),
                Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reconnect-initial-delay must be positive and at most");
    }
}
