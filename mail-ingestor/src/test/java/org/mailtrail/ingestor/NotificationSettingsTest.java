package org.mailtrail.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class NotificationSettingsTest {

    private static IngestorProperties.Subscriptions rich(Duration lifetime, Duration renewBefore) {
        return new IngestorProperties.Subscriptions(Duration.ofMinutes(10070), Duration.ofDays(1), Duration.ofMinutes(1),
                lifetime, renewBefore);
    }

    @Test
    void keepsRichSubscriptionsWithinGraphsDayAndRenewsThemBeforeTheyExpire() {
        assertThat(rich(Duration.ofMinutes(1430), Duration.ofHours(6)).richLifetime()).isEqualTo(Duration.ofMinutes(1430));
        assertThatThrownBy(() -> rich(Duration.ofMinutes(1441), Duration.ofHours(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1440m");
        assertThatThrownBy(() -> rich(Duration.ofHours(6), Duration.ofHours(6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rich-renew-before must be shorter than subscriptions.rich-lifetime");
    }

    @Test
    void needsThePasswordOfANotificationKeyStore() {
        assertThatThrownBy(() -> new IngestorProperties.Notifications(Path.of("/etc/mailtrail/notifications.p12"), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAILTRAIL_NOTIFICATION_KEYSTORE_PASSWORD");
        assertThat(new IngestorProperties.Notifications(Path.of("/etc/mailtrail/notifications.p12"), "secret")
                .hasKeystore()).isTrue();
    }

    @Test
    void takesAnEmptyKeyStoreSettingForNone() {
        assertThat(new IngestorProperties.Notifications(Path.of(""), "").hasKeystore()).isFalse();
        assertThat(new IngestorProperties.Notifications(null, null).hasKeystore()).isFalse();
    }
}
