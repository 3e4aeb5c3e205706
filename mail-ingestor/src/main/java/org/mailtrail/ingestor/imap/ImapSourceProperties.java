package org.mailtrail.ingestor.imap;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How the ingestor reads IMAP mailboxes, under {@code mailtrail.imap} beside the platform's connection settings
 * (trust store, timeouts). Defaults live in {@code application.yml}.
 *
 * @param pageSize UIDs fetched and published per step of a round
 * @param idleRenew how often IDLE is ended and issued again (RFC 2177: within 29 minutes)
 * @param maxConnectionsPerMailbox connections this instance holds to one mailbox (host and account) at most
 * @param maxMessageBytes a mail larger than this is not opened for its content
 * @param pollIntervalWithIdle the safety-net round of a connection whose server offers IDLE
 * @param pollIntervalWithoutIdle the round of a connection whose server has no IDLE: its only trigger
 * @param reconnectInitialDelay the first wait before the IDLE connection is made again after it dropped
 * @param reconnectMaxDelay the longest such wait (the waits double, each drawn at random below its bound)
 */
@ConfigurationProperties("mailtrail.imap")
public record ImapSourceProperties(int pageSize, Duration idleRenew, int maxConnectionsPerMailbox,
        DataSize maxMessageBytes, Duration pollIntervalWithIdle, Duration pollIntervalWithoutIdle,
        Duration reconnectInitialDelay, Duration reconnectMaxDelay) {

    /** RFC 2177: a client must end IDLE and issue it again within 29 minutes, or the server may drop it. */
    public static final Duration LONGEST_IDLE = Duration.ofMinutes(29);

    public ImapSourceProperties {
        Objects.requireNonNull(idleRenew, "mailtrail.imap.idle-renew");
        Objects.requireNonNull(maxMessageBytes, "mailtrail.imap.max-message-bytes");
        Objects.requireNonNull(pollIntervalWithIdle, "mailtrail.imap.poll-interval-with-idle");
        Objects.requireNonNull(pollIntervalWithoutIdle, "mailtrail.imap.poll-interval-without-idle");
        Objects.requireNonNull(reconnectInitialDelay, "mailtrail.imap.reconnect-initial-delay");
        Objects.requireNonNull(reconnectMaxDelay, "mailtrail.imap.reconnect-max-delay");
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("mailtrail.imap.page-size must be between 1 and 1000, was " + pageSize);
        }
        if (idleRenew.isNegative() || idleRenew.isZero() || idleRenew.compareTo(LONGEST_IDLE) >= 0) {
            throw new IllegalArgumentException("mailtrail.imap.idle-renew must be positive and shorter than 29m "
                    + "(RFC 2177), was " + idleRenew);
        }
        if (maxConnectionsPerMailbox < 2) {
            throw new IllegalArgumentException("mailtrail.imap.max-connections-per-mailbox must be at least 2 (IDLE "
                    + "holds one, rounds and dispositions need another), was " + maxConnectionsPerMailbox);
        }
        if (maxMessageBytes.toBytes() < 1) {
            throw new IllegalArgumentException("mailtrail.imap.max-message-bytes must be positive");
        }
        if (reconnectInitialDelay.isNegative() || reconnectInitialDelay.isZero()
                || reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw new IllegalArgumentException("mailtrail.imap.reconnect-initial-delay must be positive and at most "
                    + "mailtrail.imap.reconnect-max-delay");
        }
    }
}
