package org.mailtrail.ingestor.imap.domain;

/** Where a connection's mail was last seen: its folder and UID there, under the folder's UIDVALIDITY. */
public record MailLocation(String connectionId, String immutableId, String internetMessageId, String folder,
        long uidValidity, long uid) {
}
