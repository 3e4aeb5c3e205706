package org.mailtrail.config.connection.messaging;

import org.mailtrail.config.connection.store.ConnectionStore;
import org.mailtrail.config.connection.store.ConnectionStore.PendingPublication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what a failed publish left behind: the latest state of every connection marked pending, or its
 * tombstone once deleted. Repeats are harmless: an event of the same revision has the same id.
 */
@Component
class ConnectionEventRelay {

    private final ConnectionStore store;
    private final ConnectionEventPublisher publisher;

    ConnectionEventRelay(ConnectionStore store, ConnectionEventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    @Scheduled(fixedDelayString = "${mailtrail.events.relay-interval}",
            initialDelayString = "${mailtrail.events.relay-interval}")
    void relayPending() {
        for (PendingPublication pending : store.pendingPublications()) {
            String id = pending.connection().id();
            long revision = pending.connection().revision();
            if (pending.deleted()) {
                if (publisher.publishTombstone(id, revision)) {
                    store.removeDeleted(id, revision);
                }
            } else if (publisher.publish(pending.connection())) {
                store.markPublished(id, revision);
            }
        }
    }
}
