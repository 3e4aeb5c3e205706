package org.mailtrail.platform.graph;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Graph-calling services share each mailbox's concurrent requests.
 *
 * @param database the database, on the service's MongoDB server, that holds the permits; every service that
 *        calls Graph for the same mailboxes must name the same one
 * @param perMailbox requests in flight per mailbox at once, across all processes (Outlook allows 4)
 * @param lease how long a permit stays held when its holder dies without giving it back; longer than any request
 */
@ConfigurationProperties("mailtrail.graph.mailbox-permits")
public record MailboxPermitsProperties(@DefaultValue("mailtrail_graph") String database,
        @DefaultValue("4") int perMailbox, @DefaultValue("2m") Duration lease) {

    public MailboxPermitsProperties {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("mailtrail.graph.mailbox-permits.database must name a database");
        }
        if (perMailbox < 1) {
            throw new IllegalArgumentException("mailtrail.graph.mailbox-permits.per-mailbox must be at least 1");
        }
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("mailtrail.graph.mailbox-permits.lease must be positive");
        }
    }
}
