package org.mailtrail.ingestor.link.domain;

import org.mailtrail.ingestor.connection.domain.FollowedConnection;

/** Where the link of a mail of a connection that is not read through Graph comes from (IMAP: its IMAP URL). */
public interface LinkSource {

    /** Whether this source knows the connection's mail. */
    boolean answers(FollowedConnection connection);

    /** The mail's current link; throws a {@link MessageLinks.NotFoundException} when there is no such mail. */
    String webLink(FollowedConnection connection, String immutableId);
}
