package org.mailtrail.ingestor.imap.domain;

/**
 * Where a connection's mail was last seen: its folder and UID there, under the folder's UIDVALIDITY.
 *
 * @param movingTo the folder a move or copy of the mail was begun to and not seen through; absent when none was
 */
public record MailLocation(String connectionId, String immutableId, String internetMessageId, String folder,
        long uidValidity, long uid, String movingTo) {

    public MailLocation(String connectionId, String immutableId, String internetMessageId, String folder,
            long uidValidity, long uid) {
        this(connectionId, immutableId, internetMessageId, folder, uidValidity, uid, null);
    }
}
