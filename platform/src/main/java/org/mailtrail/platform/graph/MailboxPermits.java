package org.mailtrail.platform.graph;

/**
 * Outlook's limit of concurrent requests per mailbox, kept across every process that sends Graph requests for the
 * mailbox: each request holds one of the mailbox's permits while it is in flight. Every replica of mail-ingestor
 * (delta rounds, dispositions, subscriptions, link lookups) and config-service's setup checks take them from the
 * same place, so together they never have more requests in flight for one mailbox than Outlook allows.
 */
public interface MailboxPermits {

    /** How many requests may be in flight for one mailbox at once, across all processes. */
    int perMailbox();

    /**
     * Takes {@code count} of the mailbox's permits (at most {@link #perMailbox()}), waiting until that many are
     * free at once: all or none, so two callers that each hold some never wait for each other.
     *
     * @throws InterruptedException when the thread is interrupted while it waits
     */
    Held acquire(String mailbox, int count) throws InterruptedException;

    /**
     * Permits taken; closing gives them back. Closing fails when the store is unreachable: the permits then stay
     * taken until their lease ends, and a caller must not let that keep anything else of its own taken.
     */
    interface Held extends AutoCloseable {

        int count();

        @Override
        void close();
    }
}
