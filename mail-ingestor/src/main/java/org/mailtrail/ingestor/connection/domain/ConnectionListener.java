package org.mailtrail.ingestor.connection.domain;

/**
 * A part of the ingestor that works per connection. Both calls return at once; the work they start runs on the
 * connection's own threads.
 */
public interface ConnectionListener {

    void started(FollowedConnection connection);

    void stopped(FollowedConnection connection, StopReason reason);
}
