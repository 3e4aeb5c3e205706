package org.mailtrail.ingestor.connection.domain;

/**
 * A part of the ingestor that works per connection. Both calls return at once; the work they start runs on the
 * connection's own threads, under the lease {@code ownership} names: every write it makes of the connection's
 * state carries the lease's epoch, and it checks the lease before each change to the mailbox and before publishing.
 */
public interface ConnectionListener {

    void started(FollowedConnection connection, Ownership ownership);

    void stopped(FollowedConnection connection, Ownership ownership, StopReason reason);
}
