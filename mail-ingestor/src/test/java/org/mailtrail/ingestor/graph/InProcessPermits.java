package org.mailtrail.ingestor.graph;

import java.util.concurrent.Semaphore;

import org.mailtrail.platform.graph.MailboxPermits;

/**
 * Mailbox permits shared by the gates of one test, as the MongoDB-backed ones are shared by processes: one
 * mailbox per test, so one semaphore.
 */
final class InProcessPermits implements MailboxPermits {

    private final int perMailbox;
    private final Semaphore permits;

    InProcessPermits(int perMailbox) {
        this.perMailbox = perMailbox;
        this.permits = new Semaphore(perMailbox, true);
    }

    @Override
    public int perMailbox() {
        return perMailbox;
    }

    @Override
    public Held acquire(String mailbox, int count) throws InterruptedException {
        int wanted = Math.min(Math.max(1, count), perMailbox);
        permits.acquire(wanted);
        return new Held() {
            @Override
            public int count() {
                return wanted;
            }

            @Override
            public void close() {
                permits.release(wanted);
            }
        };
    }
}
