package org.mailtrail.ingestor.connection.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The lease this instance holds on one connection, as the connection's workers carry it.
 *
 * <p>Its epoch goes up each time the lease changes hands, and every document a worker writes records the epoch it
 * was written under: an instance that lost the lease without noticing (a long GC pause, a frozen node) has its next
 * write refused by the store ({@link StaleOwnerException}) once the new owner has written or claimed the document.
 *
 * <p>Graph and Kafka cannot be fenced that way, so before each change to the mailbox (a move, a delete, a folder or
 * a subscription made) and before publishing a round's mail, a worker {@link #check()}s that the lease is still known
 * to be held. That is known in memory, without a query: the renewals say until when ({@link #heldUntil}), which is
 * one renewal interval short of the lease's time-to-live after the last renewal began. The interval kept in hand
 * covers the skew between two instances' clocks and a renewal that is late once; an instance that can no longer
 * renew (MongoDB unreachable, or paused) stops acting before any other instance may take the lease over. A read of
 * the lease before each action would cost a round trip to MongoDB per action and still leave the pause after the
 * read unguarded: what remains is the pause between a check and the action, and the fenced writes catch what
 * follows it.
 */
public final class Ownership {

    private final String connectionId;
    private final long epoch;
    private final Clock clock;
    private final Consumer<Ownership> onLost;
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile Instant heldUntil;

    /**
     * @param heldUntil until when the lease is known to be held, as its acquisition says
     * @param onLost what stops the connection's work on this instance when a worker finds the lease lost
     */
    public Ownership(String connectionId, long epoch, Instant heldUntil, Clock clock, Consumer<Ownership> onLost) {
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.epoch = epoch;
        this.heldUntil = Objects.requireNonNull(heldUntil, "heldUntil");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onLost = Objects.requireNonNull(onLost, "onLost");
    }

    public String connectionId() {
        return connectionId;
    }

    /** The lease's epoch, which every write of the connection's state carries. */
    public long epoch() {
        return epoch;
    }

    /** Whether this instance may still act for the connection: the lease is known to be held, and nothing said otherwise. */
    public boolean held() {
        return !lost.get() && clock.instant().isBefore(heldUntil);
    }

    /** Throws {@link StaleOwnerException} unless the lease is known to be held; called before each unfenceable action. */
    public void check() {
        if (lost.get()) {
            throw new StaleOwnerException(connectionId, epoch, "another instance holds the lease");
        }
        if (!clock.instant().isBefore(heldUntil)) {
            throw new StaleOwnerException(connectionId, epoch,
                    "the lease was last renewed too long ago to be sure it is still this instance's (held until "
                            + heldUntil + ")");
        }
    }

    /** A renewal succeeded: the lease is known to be held until then. */
    void heldUntil(Instant until) {
        if (until.isAfter(heldUntil)) {
            heldUntil = until;
        }
    }

    /**
     * The lease is gone (a write under this epoch was refused, a check failed, or a renewal found another owner):
     * nothing more is done for the connection under it, and its work here is stopped, once.
     */
    public void lost() {
        if (lost.compareAndSet(false, true)) {
            onLost.accept(this);
        }
    }

    @Override
    public String toString() {
        return "lease of " + connectionId + " at epoch " + epoch;
    }
}
